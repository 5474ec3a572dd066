using System.Runtime.CompilerServices;

namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    /// <summary>Fluxes across the x faces of rows [start, end); face i of row j lies between cells i - 1 and i.</summary>
    private void ComputeXFluxes(int start, int end)
    {
        for (var j = start; j < end; j++)
        {
            var speedMax = 0.0;
            var inflow = 0.0;
            var rowStart = j * nx;
            var faceStart = j * (nx + 1);
            for (var i = 0; i <= nx; i++)
            {
                var f = faceStart + i;
                var a = rowStart + i - 1; // left cell
                var b = rowStart + i;     // right cell
                var leftOpen = i > 0 && !solid[a];
                var rightOpen = i < nx && !solid[b];
                double mass, momL, momR, trans, speed;
                if (leftOpen && rightOpen && h[a] == 0 && h[b] == 0)
                {
                    // Between two bone-dry cells every flux is exactly zero: skip the reconstruction.
                    mass = momL = momR = trans = speed = 0;
                }
                else if (leftOpen && rightOpen)
                {
                    FaceState(a, +1, sxH, sxE, sxU, sxV, u, v, out var hL, out var uL, out var vL, out var zL);
                    FaceState(b, -1, sxH, sxE, sxU, sxV, u, v, out var hR, out var uR, out var vR, out var zR);
                    var crest = crestX is null ? double.NegativeInfinity : crestX[f];
                    HllcFlux.Hydrostatic(g, hL, uL, vL, zL, hR, uR, vR, zR, crest, out mass, out momL, out momR, out trans, out speed);
                }
                else if (rightOpen)
                {
                    FaceState(b, -1, sxH, sxE, sxU, sxV, u, v, out var hR, out var uR, out var vR, out var zR);
                    var onBoundary = i == 0;
                    var kind = onBoundary ? westKind[j] : BoundaryKind.Wall;
                    var segment = onBoundary ? westSegment[j] : -1;
                    BoundaryFlux(kind, lowSide: true, segment, onBoundary ? westLevel[j] : 0, hR, uR, vR, zR, out mass, out momR,
                        out trans, out speed);
                    momL = 0;
                    if (onBoundary) inflow += mass;
                }
                else if (leftOpen)
                {
                    FaceState(a, +1, sxH, sxE, sxU, sxV, u, v, out var hL, out var uL, out var vL, out var zL);
                    var onBoundary = i == nx;
                    var kind = onBoundary ? eastKind[j] : BoundaryKind.Wall;
                    var segment = onBoundary ? eastSegment[j] : -1;
                    BoundaryFlux(kind, lowSide: false, segment, onBoundary ? eastLevel[j] : 0, hL, uL, vL, zL, out mass, out momL,
                        out trans, out speed);
                    momR = 0;
                    if (onBoundary) inflow -= mass;
                }
                else
                {
                    mass = momL = momR = trans = speed = 0;
                }
                fxMass[f] = mass;
                fxMomL[f] = momL;
                fxMomR[f] = momR;
                fxTrans[f] = trans;
                if (speed > speedMax) speedMax = speed;
            }
            rowSpeedX[j] = speedMax;
            rowInflowX[j] = inflow;
        }
    }

    /// <summary>Fluxes across the y faces of face rows [start, end); face row j lies between cell rows j - 1 and j.
    /// The normal velocity is v, the transverse one u.</summary>
    private void ComputeYFluxes(int start, int end)
    {
        for (var j = start; j < end; j++)
        {
            var speedMax = 0.0;
            var inflow = 0.0;
            for (var i = 0; i < nx; i++)
            {
                var f = j * nx + i;
                var a = (j - 1) * nx + i; // cell below
                var b = j * nx + i;       // cell above
                var belowOpen = j > 0 && !solid[a];
                var aboveOpen = j < ny && !solid[b];
                double mass, momL, momR, trans, speed;
                if (belowOpen && aboveOpen && h[a] == 0 && h[b] == 0)
                {
                    mass = momL = momR = trans = speed = 0;
                }
                else if (belowOpen && aboveOpen)
                {
                    FaceState(a, +1, syH, syE, syV, syU, v, u, out var hL, out var vL, out var uL, out var zL);
                    FaceState(b, -1, syH, syE, syV, syU, v, u, out var hR, out var vR, out var uR, out var zR);
                    var crest = crestY is null ? double.NegativeInfinity : crestY[f];
                    HllcFlux.Hydrostatic(g, hL, vL, uL, zL, hR, vR, uR, zR, crest, out mass, out momL, out momR, out trans, out speed);
                }
                else if (aboveOpen)
                {
                    FaceState(b, -1, syH, syE, syV, syU, v, u, out var hR, out var vR, out var uR, out var zR);
                    var onBoundary = j == 0;
                    var kind = onBoundary ? southKind[i] : BoundaryKind.Wall;
                    var segment = onBoundary ? southSegment[i] : -1;
                    BoundaryFlux(kind, lowSide: true, segment, onBoundary ? southLevel[i] : 0, hR, vR, uR, zR, out mass, out momR,
                        out trans, out speed);
                    momL = 0;
                    if (onBoundary) inflow += mass;
                }
                else if (belowOpen)
                {
                    FaceState(a, +1, syH, syE, syV, syU, v, u, out var hL, out var vL, out var uL, out var zL);
                    var onBoundary = j == ny;
                    var kind = onBoundary ? northKind[i] : BoundaryKind.Wall;
                    var segment = onBoundary ? northSegment[i] : -1;
                    BoundaryFlux(kind, lowSide: false, segment, onBoundary ? northLevel[i] : 0, hL, vL, uL, zL, out mass, out momL,
                        out trans, out speed);
                    momR = 0;
                    if (onBoundary) inflow -= mass;
                }
                else
                {
                    mass = momL = momR = trans = speed = 0;
                }
                fyMass[f] = mass;
                fyMomL[f] = momL;
                fyMomR[f] = momR;
                fyTrans[f] = trans;
                if (speed > speedMax) speedMax = speed;
            }
            rowSpeedY[j] = speedMax;
            rowInflowY[j] = inflow;
        }
    }

    /// <summary>The reconstructed state of cell k at its face on side <paramref name="sign"/> (+1: high face, -1: low face)
    /// in one direction: depth, normal and transverse velocity, and the bed elevation implied by surface minus depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FaceState(int k, int sign, double[] sH, double[] sE, double[] sN, double[] sT, double[] normal, double[] transverse,
        out double h, out double un, out double ut, out double z)
    {
        var half = 0.5 * sign;
        h = this.h[k] + half * sH[k];
        var eta = this.eta[k] + half * sE[k];
        z = eta - h;
        if (h > dry)
        {
            un = normal[k] + half * sN[k];
            ut = transverse[k] + half * sT[k];
        }
        else
        {
            un = 0;
            ut = 0;
        }
    }

    /// <summary>
    /// Flux across a domain-boundary (or obstacle) face in the face-normal frame (positive towards increasing index).
    /// (h, un, ut, z) is the interior reconstructed state; <paramref name="lowSide"/> tells whether the boundary lies at the
    /// low end (West/South), so that the interior is the right-hand state. <paramref name="momentum"/> is the normal
    /// momentum flux as seen by the interior cell.
    /// </summary>
    private void BoundaryFlux(BoundaryKind kind, bool lowSide, int segment, double level, double h, double un, double ut, double z,
        out double mass, out double momentum, out double transverse, out double speed)
    {
        // Outward normal velocity of the interior water.
        var outward = lowSide ? -un : un;
        switch (kind)
        {
            case BoundaryKind.FreeOutflow when outward > 0:
                mass = h * un;
                momentum = h * un * un + 0.5 * g * h * h;
                transverse = mass * ut;
                speed = Math.Abs(un) + Math.Sqrt(g * h);
                return;
            case BoundaryKind.FixedLevel:
            {
                var hGhost = Math.Max(0, level - z);
                var cInside = Math.Sqrt(g * h);
                double outwardGhost;
                if (outward >= cInside && h > dry)
                {
                    // Supercritical outflow: nothing travels in from outside.
                    hGhost = h;
                    outwardGhost = outward;
                }
                else
                {
                    // The outgoing characteristic carries outward + 2c from the interior.
                    outwardGhost = outward + 2 * (cInside - Math.Sqrt(g * hGhost));
                }
                var unGhost = lowSide ? -outwardGhost : outwardGhost;
                double momL, momR;
                if (lowSide)
                    HllcFlux.Hydrostatic(g, hGhost, unGhost, ut, z, h, un, ut, z, out mass, out momL, out momR, out transverse, out speed);
                else
                    HllcFlux.Hydrostatic(g, h, un, ut, z, hGhost, unGhost, ut, z, out mass, out momL, out momR, out transverse, out speed);
                momentum = lowSide ? momR : momL;
                return;
            }
            case BoundaryKind.Inflow:
            {
                var q = segment >= 0 ? segmentUnitDischarge[segment] : 0; // m2/s into the domain
                var hCritical = Math.Cbrt(q * q / g);
                var hGhost = Math.Max(h, hCritical);
                var inward = hGhost > 0 ? q / hGhost : 0;
                mass = lowSide ? q : -q;
                momentum = q * inward + 0.5 * g * h * h;
                transverse = 0;
                speed = inward + Math.Sqrt(g * hGhost);
                return;
            }
            default:
            {
                // Wall (and free outflow with water flowing in): mirror the normal velocity.
                if (lowSide)
                    HllcFlux.Solve(g, h, -un, ut, h, un, ut, out mass, out momentum, out transverse, out speed);
                else
                    HllcFlux.Solve(g, h, un, ut, h, -un, ut, out mass, out momentum, out transverse, out speed);
                mass = 0;
                transverse = 0;
                return;
            }
        }
    }
}
