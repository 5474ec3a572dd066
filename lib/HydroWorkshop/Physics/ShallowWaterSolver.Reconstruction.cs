using System.Numerics;
using System.Runtime.CompilerServices;

namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    /// <summary>Velocities (zero in dry cells) and surface elevation for rows [start, end).</summary>
    private void ComputePrimitives(int start, int end)
    {
        var k = start * nx;
        var last = end * nx;
        if (Vector.IsHardwareAccelerated)
        {
            // Same IEEE operations as the scalar loop below (reciprocal, then multiply), so results do not depend
            // on where a chunk's vector part ends.
            var width = Vector<double>.Count;
            var dry = new Vector<double>(this.dry);
            for (; k + width <= last; k += width)
            {
                var h = new Vector<double>(this.h, k);
                var wet = Vector.GreaterThan(h, dry);
                var inverse = Vector<double>.One / Vector.ConditionalSelect(wet, h, Vector<double>.One);
                Vector.ConditionalSelect(wet, new Vector<double>(hu, k) * inverse, Vector<double>.Zero).CopyTo(u, k);
                Vector.ConditionalSelect(wet, new Vector<double>(hv, k) * inverse, Vector<double>.Zero).CopyTo(v, k);
                (h + new Vector<double>(z, k)).CopyTo(eta, k);
            }
        }
        for (; k < last; k++)
        {
            var h = this.h[k];
            if (h > dry)
            {
                var inverse = 1.0 / h;
                u[k] = hu[k] * inverse;
                v[k] = hv[k] * inverse;
            }
            else
            {
                u[k] = 0;
                v[k] = 0;
            }
            eta[k] = h + z[k];
        }
    }

    /// <summary>
    /// Limited slopes (per cell, across the cell) of depth, surface elevation and velocity for rows [start, end).
    /// A cell next to a wall, a solid cell or a dry cell keeps zero slope in that direction, so the scheme falls back to
    /// first order exactly where wetting and drying happen and the hydrostatic reconstruction stays well-balanced.
    /// </summary>
    private void ComputeSlopes(int start, int end)
    {
        if (!options.SecondOrder) return; // slopes stay zero
        var limiter = options.Limiter;
        for (var j = start; j < end; j++)
        {
            for (var i = 0; i < nx; i++)
            {
                var k = j * nx + i;
                if (solid[k] || h[k] <= dry)
                {
                    sxH[k] = sxE[k] = sxU[k] = sxV[k] = 0;
                    syH[k] = syE[k] = syU[k] = syV[k] = 0;
                    continue;
                }
                if (i > 0 && i < nx - 1 && IsWet(k - 1) && IsWet(k + 1))
                {
                    sxH[k] = Limit(limiter, h[k] - h[k - 1], h[k + 1] - h[k]);
                    sxE[k] = Limit(limiter, eta[k] - eta[k - 1], eta[k + 1] - eta[k]);
                    sxU[k] = Limit(limiter, u[k] - u[k - 1], u[k + 1] - u[k]);
                    sxV[k] = Limit(limiter, v[k] - v[k - 1], v[k + 1] - v[k]);
                }
                else
                {
                    sxH[k] = sxE[k] = sxU[k] = sxV[k] = 0;
                }
                if (j > 0 && j < ny - 1 && IsWet(k - nx) && IsWet(k + nx))
                {
                    syH[k] = Limit(limiter, h[k] - h[k - nx], h[k + nx] - h[k]);
                    syE[k] = Limit(limiter, eta[k] - eta[k - nx], eta[k + nx] - eta[k]);
                    syU[k] = Limit(limiter, u[k] - u[k - nx], u[k + nx] - u[k]);
                    syV[k] = Limit(limiter, v[k] - v[k - nx], v[k + nx] - v[k]);
                }
                else
                {
                    syH[k] = syE[k] = syU[k] = syV[k] = 0;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWet(int k) => !solid[k] && h[k] > dry;

    /// <summary>A TVD limited slope from the backward and forward differences; zero at extrema. Face values
    /// (value +- slope/2) stay between the neighbours, which keeps reconstructed depths non-negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Limit(SlopeLimiter limiter, double backward, double forward)
    {
        if (backward * forward <= 0) return 0;
        switch (limiter)
        {
            case SlopeLimiter.Minmod:
                return backward > 0 ? Math.Min(backward, forward) : Math.Max(backward, forward);
            case SlopeLimiter.MonotonizedCentral:
            {
                var central = 0.5 * (backward + forward);
                return backward > 0
                    ? Math.Min(central, 2 * Math.Min(backward, forward))
                    : Math.Max(central, 2 * Math.Max(backward, forward));
            }
            default:
                return 2 * backward * forward / (backward + forward);
        }
    }
}
