using System.Globalization;
using System.Text;

namespace HydroWorkshop.Physics;

/// <summary>
/// A simulated state against a measured surface-velocity field at the field's points: the root-mean-square of the
/// velocity-vector difference (m/s), and the share of points where model and measurement agree on whether the water
/// there moves (speed above <see cref="MovingSpeed"/>). Comparing one measured field with the model at a range of
/// times shows which simulated instant the field resembles, i.e. where the data's clock stands against the model's.
/// </summary>
public sealed record VelocityFieldComparison(double ModelTime, double VectorRmse, double MotionAgreement, int Points)
{
    /// <summary>Speed (m/s) above which a point counts as moving; the measured dry points read below 0.1 m/s.</summary>
    public const double MovingSpeed = 0.3;

    /// <summary>Depth (m) below which a model cell counts as dry (velocity 0), as a surface camera would see it.</summary>
    public const double WetDepth = 0.005;

    /// <summary>Compares the solver's current state with <paramref name="field"/>; points outside the domain are skipped.</summary>
    public static VelocityFieldComparison Compare(ShallowWaterSolver solver, MeasuredVelocityField field)
    {
        var domain = solver.Domain;
        var squared = 0.0;
        var agree = 0;
        var points = 0;
        for (var p = 0; p < field.Count; p++)
        {
            var cell = domain.CellAt(field.X[p], field.Y[p]);
            if (cell is null) continue;
            var k = domain.Index(cell.Value.Column, cell.Value.Row);
            var depth = solver.Depth[k];
            var u = depth > WetDepth ? solver.DischargeX[k] / depth : 0;
            var v = depth > WetDepth ? solver.DischargeY[k] / depth : 0;
            var du = u - field.VelocityX[p];
            var dv = v - field.VelocityY[p];
            squared += du * du + dv * dv;
            var modelMoves = Math.Sqrt(u * u + v * v) > MovingSpeed;
            var measuredMoves = Math.Sqrt(field.VelocityX[p] * field.VelocityX[p] + field.VelocityY[p] * field.VelocityY[p]) > MovingSpeed;
            if (modelMoves == measuredMoves) agree++;
            points++;
        }
        if (points == 0) throw new ArgumentException($"no point of the measured field at t = {field.Time} s lies in the domain");
        return new VelocityFieldComparison(solver.Time, Math.Sqrt(squared / points), (double)agree / points, points);
    }

    /// <summary>A plain-text table: model time (s), vector RMSE (m/s), motion agreement (%).</summary>
    public static string Table(IEnumerable<VelocityFieldComparison> comparisons)
    {
        var text = new StringBuilder();
        text.AppendLine("model time (s)  vector RMSE (m/s)  moving/still agree (%)");
        foreach (var c in comparisons)
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,14:F2}  {1,17:F3}  {2,22:F1}", c.ModelTime, c.VectorRmse,
                100 * c.MotionAgreement));
        return text.ToString();
    }
}
