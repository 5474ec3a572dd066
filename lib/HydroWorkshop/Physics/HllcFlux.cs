using System.Runtime.CompilerServices;

namespace HydroWorkshop.Physics;

/// <summary>
/// The HLLC approximate Riemann solver for the shallow-water equations (Toro 2001), with the hydrostatic
/// reconstruction of Audusse et al. (2004) that makes the scheme well-balanced and positivity-preserving.
/// All states are face-normal: u is the velocity across the face (m/s, positive towards the right state),
/// v the velocity along it.
/// </summary>
internal static class HllcFlux
{
    /// <summary>
    /// Flux across a face between a left and a right reconstructed state (depth h in m, bed z in m).
    /// Returns the mass flux (m2/s), the normal-momentum flux as seen by the left cell and by the right cell
    /// (they differ by the hydrostatic-reconstruction pressure corrections, m3/s2), the transverse momentum flux,
    /// and the largest wave speed (m/s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Hydrostatic(
        double g,
        double hL, double uL, double vL, double zL,
        double hR, double uR, double vR, double zR,
        out double mass, out double momentumLeft, out double momentumRight, out double transverse, out double speed) =>
        Hydrostatic(g, hL, uL, vL, zL, hR, uR, vR, zR, double.NegativeInfinity, out mass, out momentumLeft, out momentumRight,
            out transverse, out speed);

    /// <summary>As above, over a face whose crest (m) may stand above both beds: water crosses only above
    /// max(zL, zR, crest). Raising the face level keeps the scheme well-balanced and positive, as the pressure corrections
    /// use the same face depths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Hydrostatic(
        double g,
        double hL, double uL, double vL, double zL,
        double hR, double uR, double vR, double zR, double crest,
        out double mass, out double momentumLeft, out double momentumRight, out double transverse, out double speed)
    {
        var zFace = Math.Max(Math.Max(zL, zR), crest);
        var hLs = Math.Max(0.0, hL + zL - zFace);
        var hRs = Math.Max(0.0, hR + zR - zFace);
        Solve(g, hLs, uL, vL, hRs, uR, vR, out mass, out var momentum, out transverse, out speed);
        momentumLeft = momentum + 0.5 * g * (hL * hL - hLs * hLs);
        momentumRight = momentum + 0.5 * g * (hR * hR - hRs * hRs);
    }

    /// <summary>HLLC flux between two states over the same bed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Solve(
        double g,
        double hL, double uL, double vL,
        double hR, double uR, double vR,
        out double mass, out double momentum, out double transverse, out double speed)
    {
        if (hL <= 0 && hR <= 0)
        {
            mass = momentum = transverse = speed = 0;
            return;
        }
        var cL = Math.Sqrt(g * hL);
        var cR = Math.Sqrt(g * hR);
        double sL, sR;
        if (hL <= 0)
        {
            // Dry left state: the wet front moves at uR - 2cR (Toro's dry-bed wave speeds).
            uL = 0;
            sL = uR - 2 * cR;
            sR = uR + cR;
        }
        else if (hR <= 0)
        {
            uR = 0;
            sL = uL - cL;
            sR = uL + 2 * cL;
        }
        else
        {
            var uStar = 0.5 * (uL + uR) + cL - cR;
            var cStar = 0.5 * (cL + cR) + 0.25 * (uL - uR);
            sL = Math.Min(uL - cL, uStar - cStar);
            sR = Math.Max(uR + cR, uStar + cStar);
        }

        var qL = hL * uL;
        var qR = hR * uR;
        speed = Math.Max(Math.Abs(sL), Math.Abs(sR));
        if (sL >= 0)
        {
            mass = qL;
            momentum = qL * uL + 0.5 * g * hL * hL;
            transverse = qL * vL;
            return;
        }
        if (sR <= 0)
        {
            mass = qR;
            momentum = qR * uR + 0.5 * g * hR * hR;
            transverse = qR * vR;
            return;
        }
        var inverse = 1.0 / (sR - sL);
        var pL = qL * uL + 0.5 * g * hL * hL;
        var pR = qR * uR + 0.5 * g * hR * hR;
        mass = (sR * qL - sL * qR + sL * sR * (hR - hL)) * inverse;
        momentum = (sR * pL - sL * pR + sL * sR * (qR - qL)) * inverse;
        // The contact (middle) wave carries the transverse velocity: upwind it by the contact speed.
        var denominator = hR * (uR - sR) - hL * (uL - sL);
        var sMiddle = denominator != 0
            ? (sL * hR * (uR - sR) - sR * hL * (uL - sL)) / denominator
            : 0.5 * (sL + sR);
        transverse = mass * (sMiddle >= 0 ? vL : vR);
    }
}
