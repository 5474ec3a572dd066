using System.Numerics;
using System.Runtime.CompilerServices;

namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    /// <summary>Velocities (zero in dry cells) and surface elevation for rows [start, end).</summary>
    private void ComputePrimitives(int start, int end)
    {
        var k = start * _nx;
        var last = end * _nx;
        if (Vector.IsHardwareAccelerated)
        {
            // Same IEEE operations as the scalar loop below (reciprocal, then multiply), so results do not depend
            // on where a chunk's vector part ends.
            var width = Vector<double>.Count;
            var dry = new Vector<double>(_dry);
            for (; k + width <= last; k += width)
            {
                var h = new Vector<double>(_h, k);
                var wet = Vector.GreaterThan(h, dry);
                var inverse = Vector<double>.One / Vector.ConditionalSelect(wet, h, Vector<double>.One);
                Vector.ConditionalSelect(wet, new Vector<double>(_hu, k) * inverse, Vector<double>.Zero).CopyTo(_u, k);
                Vector.ConditionalSelect(wet, new Vector<double>(_hv, k) * inverse, Vector<double>.Zero).CopyTo(_v, k);
                (h + new Vector<double>(_z, k)).CopyTo(_eta, k);
            }
        }
        for (; k < last; k++)
        {
            var h = _h[k];
            if (h > _dry)
            {
                var inverse = 1.0 / h;
                _u[k] = _hu[k] * inverse;
                _v[k] = _hv[k] * inverse;
            }
            else
            {
                _u[k] = 0;
                _v[k] = 0;
            }
            _eta[k] = h + _z[k];
        }
    }

    /// <summary>
    /// Limited slopes (per cell, across the cell) of depth, surface elevation and velocity for rows [start, end).
    /// A cell next to a wall, a solid cell or a dry cell keeps zero slope in that direction, so the scheme falls back to
    /// first order exactly where wetting and drying happen and the hydrostatic reconstruction stays well-balanced.
    /// </summary>
    private void ComputeSlopes(int start, int end)
    {
        if (!_options.SecondOrder) return; // slopes stay zero
        var limiter = _options.Limiter;
        for (var j = start; j < end; j++)
        {
            for (var i = 0; i < _nx; i++)
            {
                var k = j * _nx + i;
                if (_solid[k] || _h[k] <= _dry)
                {
                    _sxH[k] = _sxE[k] = _sxU[k] = _sxV[k] = 0;
                    _syH[k] = _syE[k] = _syU[k] = _syV[k] = 0;
                    continue;
                }
                if (i > 0 && i < _nx - 1 && IsWet(k - 1) && IsWet(k + 1))
                {
                    _sxH[k] = Limit(limiter, _h[k] - _h[k - 1], _h[k + 1] - _h[k]);
                    _sxE[k] = Limit(limiter, _eta[k] - _eta[k - 1], _eta[k + 1] - _eta[k]);
                    _sxU[k] = Limit(limiter, _u[k] - _u[k - 1], _u[k + 1] - _u[k]);
                    _sxV[k] = Limit(limiter, _v[k] - _v[k - 1], _v[k + 1] - _v[k]);
                }
                else
                {
                    _sxH[k] = _sxE[k] = _sxU[k] = _sxV[k] = 0;
                }
                if (j > 0 && j < _ny - 1 && IsWet(k - _nx) && IsWet(k + _nx))
                {
                    _syH[k] = Limit(limiter, _h[k] - _h[k - _nx], _h[k + _nx] - _h[k]);
                    _syE[k] = Limit(limiter, _eta[k] - _eta[k - _nx], _eta[k + _nx] - _eta[k]);
                    _syU[k] = Limit(limiter, _u[k] - _u[k - _nx], _u[k + _nx] - _u[k]);
                    _syV[k] = Limit(limiter, _v[k] - _v[k - _nx], _v[k + _nx] - _v[k]);
                }
                else
                {
                    _syH[k] = _syE[k] = _syU[k] = _syV[k] = 0;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWet(int k) => !_solid[k] && _h[k] > _dry;

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
