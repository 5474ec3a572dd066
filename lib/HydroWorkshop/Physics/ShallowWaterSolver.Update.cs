namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    private static readonly string[] Quantities = ["depth", "discharge x (hu)", "discharge y (hv)"];
    private double updateDt;
    private bool updateBlend;

    /// <summary>
    /// Forward-Euler update U + dt L(U) of the conserved state; with <paramref name="blend"/> the Heun average
    /// (U0 + U + dt L(U)) / 2. Throws <see cref="SolverDivergedException"/> naming the first non-finite cell.
    /// </summary>
    private void Update(double dt, bool blend, double time)
    {
        updateDt = dt;
        updateBlend = blend;
        ForRows(ny, UpdateRows);
        for (var j = 0; j < ny; j++)
        {
            if (rowBadColumn[j] < 0) continue;
            var i = rowBadColumn[j];
            var quantity = Quantities[rowBadQuantity[j]];
            throw new SolverDivergedException(
                $"the state became non-finite at t = {time:G6} s (step {Steps + 1}, dt = {dt:G4} s): {quantity} at cell (column {i}, row {j}), " +
                $"x = {domain.CellCenterX(i):G6} m, y = {domain.CellCenterY(j):G6} m",
                time, i, j, quantity);
        }
    }

    private void UpdateRows(int start, int end)
    {
        var dt = updateDt;
        var blend = updateBlend;
        var rx = dt / dx;
        var ry = dt / dy;
        for (var j = start; j < end; j++)
        {
            rowBadColumn[j] = -1;
            var clamped = 0.0;
            for (var i = 0; i < nx; i++)
            {
                var k = j * nx + i;
                if (solid[k]) continue;
                var fw = j * (nx + 1) + i; // west face; east face is fw + 1
                var fs = j * nx + i;       // south face; north face is fs + nx
                var fn = fs + nx;
                var h = this.h[k];
                var dh = -rx * (fxMass[fw + 1] - fxMass[fw]) - ry * (fyMass[fn] - fyMass[fs]);
                var dhu = -rx * (fxMomL[fw + 1] - fxMomR[fw]) - ry * (fyTrans[fn] - fyTrans[fs])
                          - rx * g * h * (sxE[k] - sxH[k]);
                var dhv = -rx * (fxTrans[fw + 1] - fxTrans[fw]) - ry * (fyMomL[fn] - fyMomR[fs])
                          - ry * g * h * (syE[k] - syH[k]);
                double nh = h + dh, nhu = hu[k] + dhu, nhv = hv[k] + dhv;
                if (blend)
                {
                    nh = 0.5 * (h0[k] + nh);
                    nhu = 0.5 * (hu0[k] + nhu);
                    nhv = 0.5 * (hv0[k] + nhv);
                }
                if (!double.IsFinite(nh) || !double.IsFinite(nhu) || !double.IsFinite(nhv))
                {
                    if (rowBadColumn[j] < 0)
                    {
                        rowBadColumn[j] = i;
                        rowBadQuantity[j] = !double.IsFinite(nh) ? 0 : !double.IsFinite(nhu) ? 1 : 2;
                    }
                    continue;
                }
                if (nh <= dry)
                {
                    if (nh < 0)
                    {
                        clamped -= nh;
                        nh = 0;
                    }
                    nhu = 0;
                    nhv = 0;
                }
                this.h[k] = nh;
                hu[k] = nhu;
                hv[k] = nhv;
            }
            rowClamped[j] += clamped;
        }
    }

    /// <summary>Semi-implicit Manning friction: hu /= 1 + dt g n^2 |u| / h^(4/3), with |u| from the updated state,
    /// which can stop the flow but never reverse it.</summary>
    private void ApplyFriction(double dt)
    {
        var manning = this.manning!;
        ForRows(ny, (start, end) =>
        {
            for (var k = start * nx; k < end * nx; k++)
            {
                var h = this.h[k];
                if (h <= dry) continue;
                var hu = this.hu[k];
                var hv = this.hv[k];
                var speed = Math.Sqrt(hu * hu + hv * hv) / h;
                if (speed == 0) continue;
                var n = manning[k];
                var factor = 1 + dt * g * n * n * speed / (h * Math.Cbrt(h));
                this.hu[k] = hu / factor;
                this.hv[k] = hv / factor;
            }
        });
    }
}
