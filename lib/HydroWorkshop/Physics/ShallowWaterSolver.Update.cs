namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    private static readonly string[] Quantities = ["depth", "discharge x (hu)", "discharge y (hv)"];
    private double _updateDt;
    private bool _updateBlend;

    /// <summary>
    /// Forward-Euler update U + dt L(U) of the conserved state; with <paramref name="blend"/> the Heun average
    /// (U0 + U + dt L(U)) / 2. Throws <see cref="SolverDivergedException"/> naming the first non-finite cell.
    /// </summary>
    private void Update(double dt, bool blend, double time)
    {
        _updateDt = dt;
        _updateBlend = blend;
        ForRows(_ny, UpdateRows);
        for (var j = 0; j < _ny; j++)
        {
            if (_rowBadColumn[j] < 0) continue;
            var i = _rowBadColumn[j];
            var quantity = Quantities[_rowBadQuantity[j]];
            throw new SolverDivergedException(
                $"the state became non-finite at t = {time:G6} s (step {Steps + 1}, dt = {dt:G4} s): {quantity} at cell (column {i}, row {j}), " +
                $"x = {_domain.CellCenterX(i):G6} m, y = {_domain.CellCenterY(j):G6} m",
                time, i, j, quantity);
        }
    }

    private void UpdateRows(int start, int end)
    {
        var dt = _updateDt;
        var blend = _updateBlend;
        var rx = dt / _dx;
        var ry = dt / _dy;
        for (var j = start; j < end; j++)
        {
            _rowBadColumn[j] = -1;
            var clamped = 0.0;
            for (var i = 0; i < _nx; i++)
            {
                var k = j * _nx + i;
                if (_solid[k]) continue;
                var fw = j * (_nx + 1) + i; // west face; east face is fw + 1
                var fs = j * _nx + i;       // south face; north face is fs + nx
                var fn = fs + _nx;
                var h = _h[k];
                var dh = -rx * (_fxMass[fw + 1] - _fxMass[fw]) - ry * (_fyMass[fn] - _fyMass[fs]);
                var dhu = -rx * (_fxMomL[fw + 1] - _fxMomR[fw]) - ry * (_fyTrans[fn] - _fyTrans[fs])
                          - rx * _g * h * (_sxE[k] - _sxH[k]);
                var dhv = -rx * (_fxTrans[fw + 1] - _fxTrans[fw]) - ry * (_fyMomL[fn] - _fyMomR[fs])
                          - ry * _g * h * (_syE[k] - _syH[k]);
                double nh = h + dh, nhu = _hu[k] + dhu, nhv = _hv[k] + dhv;
                if (blend)
                {
                    nh = 0.5 * (_h0[k] + nh);
                    nhu = 0.5 * (_hu0[k] + nhu);
                    nhv = 0.5 * (_hv0[k] + nhv);
                }
                if (!double.IsFinite(nh) || !double.IsFinite(nhu) || !double.IsFinite(nhv))
                {
                    if (_rowBadColumn[j] < 0)
                    {
                        _rowBadColumn[j] = i;
                        _rowBadQuantity[j] = !double.IsFinite(nh) ? 0 : !double.IsFinite(nhu) ? 1 : 2;
                    }
                    continue;
                }
                if (nh <= _dry)
                {
                    if (nh < 0)
                    {
                        clamped -= nh;
                        nh = 0;
                    }
                    nhu = 0;
                    nhv = 0;
                }
                _h[k] = nh;
                _hu[k] = nhu;
                _hv[k] = nhv;
            }
            _rowClamped[j] += clamped;
        }
    }

    /// <summary>Semi-implicit Manning friction: hu /= 1 + dt g n^2 |u| / h^(4/3), with |u| from the updated state,
    /// which can stop the flow but never reverse it.</summary>
    private void ApplyFriction(double dt)
    {
        var manning = _manning!;
        ForRows(_ny, (start, end) =>
        {
            for (var k = start * _nx; k < end * _nx; k++)
            {
                var h = _h[k];
                if (h <= _dry) continue;
                var hu = _hu[k];
                var hv = _hv[k];
                var speed = Math.Sqrt(hu * hu + hv * hv) / h;
                if (speed == 0) continue;
                var n = manning[k];
                var factor = 1 + dt * _g * n * n * speed / (h * Math.Cbrt(h));
                _hu[k] = hu / factor;
                _hv[k] = hv / factor;
            }
        });
    }
}
