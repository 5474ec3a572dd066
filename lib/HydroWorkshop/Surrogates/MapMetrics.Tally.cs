namespace HydroWorkshop.Surrogates;

public static partial class MapMetrics
{
    /// <summary>
    /// The sums every score is built from, gathered in one pass over row-major <c>[time, cells]</c> maps and
    /// mergeable, so that per-event, per-lead-time and pooled ("all events") scores share one definition.
    /// Sums are in double precision, whatever the precision of the maps.
    /// </summary>
    internal sealed class Tally
    {
        public long ValidCells;
        public double SumSquaredError, SumAbsoluteError;
        public long WetCells;
        public double WetSumSquaredError, WetSumAbsoluteError;
        public long Hits, Misses, FalseAlarms, CorrectNegatives;
        /// <summary>Largest |max_t predicted − max_t observed| over cells seen so far; NaN until a cell has a valid step.</summary>
        public double MaxDepthError = double.NaN;
        /// <summary>A prediction was NaN or ±∞ at a valid cell-time.</summary>
        public bool PredictedNotFinite;

        /// <summary>Adds <paramref name="time"/> steps of <paramref name="cells"/> cells each.</summary>
        public void Add(ReadOnlySpan<float> predicted, ReadOnlySpan<float> observed, int time, int cells, float threshold)
        {
            var peakPredicted = new float[cells];
            var peakObserved = new float[cells];
            Array.Fill(peakPredicted, float.NegativeInfinity);
            Array.Fill(peakObserved, float.NegativeInfinity);
            for (var t = 0; t < time; t++)
            {
                var p = predicted.Slice(t * cells, cells);
                var o = observed.Slice(t * cells, cells);
                for (var c = 0; c < cells; c++)
                {
                    var obs = o[c];
                    if (!float.IsFinite(obs)) continue;                 // no-data in the observation: excluded
                    var sim = p[c];
                    if (!float.IsFinite(sim)) { PredictedNotFinite = true; continue; }
                    var error = (double)sim - obs;
                    ValidCells++;
                    SumSquaredError += error * error;
                    SumAbsoluteError += Math.Abs(error);
                    // Compared in float32, as numpy and PyTorch compare a float32 map with a scalar threshold.
                    var observedWet = obs > threshold;
                    var predictedWet = sim > threshold;
                    if (observedWet || predictedWet)
                    {
                        WetCells++;
                        WetSumSquaredError += error * error;
                        WetSumAbsoluteError += Math.Abs(error);
                        if (observedWet && predictedWet) Hits++;
                        else if (observedWet) Misses++;
                        else FalseAlarms++;
                    }
                    else CorrectNegatives++;
                    if (sim > peakPredicted[c]) peakPredicted[c] = sim;
                    if (obs > peakObserved[c]) peakObserved[c] = obs;
                }
            }
            for (var c = 0; c < cells; c++)
            {
                if (float.IsNegativeInfinity(peakObserved[c])) continue;    // no valid step in this cell
                var error = Math.Abs((double)peakPredicted[c] - peakObserved[c]);
                if (double.IsNaN(MaxDepthError) || error > MaxDepthError) MaxDepthError = error;
            }
        }

        /// <summary>Adds another tally's sums (pooling cell-times of several events or lead times).</summary>
        public void Merge(Tally other)
        {
            ValidCells += other.ValidCells;
            SumSquaredError += other.SumSquaredError;
            SumAbsoluteError += other.SumAbsoluteError;
            WetCells += other.WetCells;
            WetSumSquaredError += other.WetSumSquaredError;
            WetSumAbsoluteError += other.WetSumAbsoluteError;
            Hits += other.Hits;
            Misses += other.Misses;
            FalseAlarms += other.FalseAlarms;
            CorrectNegatives += other.CorrectNegatives;
            if (!double.IsNaN(other.MaxDepthError) && (double.IsNaN(MaxDepthError) || other.MaxDepthError > MaxDepthError))
                MaxDepthError = other.MaxDepthError;
            PredictedNotFinite |= other.PredictedNotFinite;
        }

        public WetDryContingency Contingency => new(Hits, Misses, FalseAlarms, CorrectNegatives);

        public MapScores ToScores()
        {
            var wetCells = (int)Math.Min(WetCells, int.MaxValue);   // MapScores keeps an int; the tally the exact count
            if (PredictedNotFinite)
                return new MapScores(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                    double.NaN, wetCells);
            return new MapScores(
                Rmse: RootMean(SumSquaredError, ValidCells),
                Mae: Mean(SumAbsoluteError, ValidCells),
                WetRmse: RootMean(WetSumSquaredError, WetCells),
                WetMae: Mean(WetSumAbsoluteError, WetCells),
                MaxDepthError: MaxDepthError,
                Csi: Csi(Hits, Misses, FalseAlarms),
                Pod: Pod(Hits, Misses),
                Far: Far(Hits, FalseAlarms),
                F1: F1(Hits, Misses, FalseAlarms),
                WetCells: wetCells);
        }

        private static double Mean(double sum, long count) => count == 0 ? double.NaN : sum / count;

        private static double RootMean(double sum, long count) => count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }
}
