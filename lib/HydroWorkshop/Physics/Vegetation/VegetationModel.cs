namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Daily leaf area index of every cell from precipitation and temperature: the process model whose output is
/// the TARGET of notebook 06 (simulated LAI, not observations). Per cell and day:
/// <list type="number">
/// <item>the phenological year restarts in midwinter (degree days to zero, canopy dormant);</item>
/// <item>disturbances of the day remove leaves and canopy capacity in their patch (<see cref="Disturbance"/>);</item>
/// <item>the root-zone bucket takes the rain and loses Hargreaves ET0 × crop coefficient(LAI) × Ks
/// (<see cref="SoilWaterBucket"/>); the plant's stress memory follows Ks with a time scale of
/// <see cref="StressMemoryDays"/>, so a dry spell lowers LAI weeks later;</item>
/// <item>phenology: green-up once degree days pass the class threshold; senescence when days shorten below the class
/// day length or the ten-day mean temperature drops below its threshold, or (crops) at maturity;</item>
/// <item>LAI grows logistically toward a ceiling, the class maximum × canopy capacity × a drought factor, at a rate
/// limited by temperature (<see cref="TemperatureResponse"/>) and light (ground radiation over
/// <see cref="LightSaturation"/>); above the ceiling leaves are shed; out of season LAI falls toward the class minimum.</item>
/// </list>
/// WHY this much: each part is a memory or a nonlinearity of real canopies that a purely data-driven ConvLSTM must
/// learn from weather alone, and that <see cref="SimpleVegetationModel"/> leaves out on purpose.</summary>
public sealed class VegetationModel
{
    /// <summary>Days of forcing (from the start) run once before day 0 so that soil water and LAI start in balance with
    /// the climate rather than at the arbitrary initial state; disturbances are not applied in the spin-up.</summary>
    public int SpinUpDays { get; init; } = 365;

    /// <summary>Time scale (days) of the plant's stress memory: roots, reserves and leaf shedding answer a drying soil
    /// over weeks (the 20-30 day lags of drought indices against NDVI).</summary>
    public double StressMemoryDays { get; init; } = 20;

    /// <summary>Rate (1/day) at which leaves above the drought-lowered ceiling are shed.</summary>
    public double SheddingRate { get; init; } = 0.05;

    /// <summary>Ground radiation (MJ m⁻² day⁻¹) at which light stops limiting leaf growth; a clear June day at 50 °N
    /// gives about 25, an overcast March day 5.</summary>
    public double LightSaturation { get; init; } = 18;

    /// <summary>Leaf area (m²/m²) that growth starts from when the canopy is below it (buds, tillers, seedlings), so a
    /// bare cell can green up.</summary>
    public double SeedLai { get; init; } = 0.3;

    /// <summary>Runs the model over <paramref name="forcing"/> for the classes in <paramref name="landCover"/> [y, x],
    /// applying <paramref name="disturbances"/> (none when null).</summary>
    public VegetationModelOutput Run(VegetationForcing forcing, LandCover[,] landCover, IReadOnlyList<Disturbance>? disturbances = null)
    {
        ArgumentNullException.ThrowIfNull(forcing);
        ArgumentNullException.ThrowIfNull(landCover);
        if (landCover.GetLength(0) != forcing.Rows || landCover.GetLength(1) != forcing.Columns)
            throw new ArgumentException(
                $"landCover is [{landCover.GetLength(0)}, {landCover.GetLength(1)}], the forcing grid [{forcing.Rows}, {forcing.Columns}]",
                nameof(landCover));
        if (StressMemoryDays < 1) throw new ArgumentOutOfRangeException(nameof(StressMemoryDays), StressMemoryDays,
            "must be at least 1 day");
        int days = forcing.Days, rows = forcing.Rows, columns = forcing.Columns;
        var solar = new DailySolarTable(forcing);
        var parameters = new LandCoverParameters[rows * columns];
        var state = new VegetationCellState[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int i = r * columns + c;
                parameters[i] = LandCoverParameters.For(landCover[r, c]);
                state[i] = VegetationCellState.Initial(parameters[i], forcing.Temperature[i]);
            }

        int spinUp = Math.Clamp(SpinUpDays, 0, days);
        for (int t = 0; t < spinUp; t++)
            for (int i = 0; i < state.Length; i++)
                Advance(ref state[i], parameters[i], forcing, solar, t, i, columns);

        var output = new VegetationModelOutput(
            new float[days, rows, columns], new float[days, rows, columns], new float[days, rows, columns],
            new float[days, rows, columns], new float[days, rows, columns], new float[days, rows, columns], new float[rows, columns]);
        for (int i = 0; i < state.Length; i++) output.InitialSoilWater[i / columns, i % columns] = (float)state[i].SoilWater;

        var byDay = (disturbances ?? []).Where(d => d.Day >= 0 && d.Day < days).ToLookup(d => d.Day);
        for (int t = 0; t < days; t++)
        {
            foreach (var disturbance in byDay[t]) Apply(disturbance, state, landCover, rows, columns);
            for (int i = 0; i < state.Length; i++)
            {
                var fluxes = Advance(ref state[i], parameters[i], forcing, solar, t, i, columns, out double et0);
                int r = i / columns, c = i % columns;
                output.Lai[t, r, c] = (float)state[i].Lai;
                output.SoilWater[t, r, c] = (float)state[i].SoilWater;
                output.WaterStress[t, r, c] = (float)state[i].StressMemory;
                output.Evapotranspiration[t, r, c] = (float)fluxes.Evapotranspiration;
                output.Drainage[t, r, c] = (float)fluxes.Drainage;
                output.ReferenceEvapotranspiration[t, r, c] = (float)et0;
            }
        }
        return output;
    }

    SoilWaterFluxes Advance(ref VegetationCellState s, LandCoverParameters p, VegetationForcing forcing, DailySolarTable solar, int t,
        int cell, int columns) =>
        Advance(ref s, p, forcing, solar, t, cell, columns, out _);

    /// <summary>One day of one cell (see the class remarks for the order of the steps).</summary>
    SoilWaterFluxes Advance(ref VegetationCellState s, LandCoverParameters p, VegetationForcing forcing, DailySolarTable solar,
        int t, int cell, int columns, out double referenceEvapotranspiration)
    {
        int row = cell / columns;
        double temperature = forcing.Temperature[t * forcing.Cells + cell];
        double rain = forcing.PrecipitationMm[t * forcing.Cells + cell];
        double ra = solar.Extraterrestrial(t, row);
        bool shortening = solar.Shortening(t, row);

        if (solar.YearStart(t, row))
        {
            s.DegreeDays = 0; s.DegreeDaysAtGreenUp = 0; s.Phase = PhenologyPhase.Dormant;
        }
        s.DegreeDays += Math.Max(0, temperature - p.BaseTemperature);
        s.MeanTemperature10 += (temperature - s.MeanTemperature10) / 10;

        referenceEvapotranspiration = HargreavesEvapotranspiration.FromDailyMean(temperature, ra, rain);
        var fluxes = SoilWaterBucket.Step(ref s.SoilWater, p.SoilWaterCapacity, rain, referenceEvapotranspiration, s.Lai);
        double ks = SoilWaterBucket.StressFactor(s.SoilWater, p.SoilWaterCapacity);
        s.StressMemory += (ks - s.StressMemory) / StressMemoryDays;
        s.Canopy += (1 - s.Canopy) / p.RecoveryDays;

        if (s.Phase == PhenologyPhase.Dormant && s.DegreeDays >= p.GreenUpDegreeDays)
        {
            s.Phase = PhenologyPhase.Growing;
            s.DegreeDaysAtGreenUp = s.DegreeDays;
        }
        else if (s.Phase == PhenologyPhase.Growing && Senesces(s, p, solar.DayLength(t, row), shortening))
            s.Phase = PhenologyPhase.Senescing;

        double floor = p.MinimumLai * s.Canopy;
        if (s.Phase == PhenologyPhase.Growing)
        {
            double ceiling = p.MaximumLai * s.Canopy * (p.DroughtLaiFraction + (1 - p.DroughtLaiFraction) * s.StressMemory);
            if (s.Lai < ceiling)
            {
                double light = Math.Min(1, SolarRadiation.Shortwave(ra, rain) / LightSaturation);
                double rate = p.GrowthRate * TemperatureResponse.For(p, temperature) * light;
                s.Lai += rate * Math.Max(s.Lai, SeedLai) * (1 - s.Lai / ceiling);
            }
            else
                s.Lai -= SheddingRate * (s.Lai - ceiling);
        }
        else if (s.Lai > floor)
            s.Lai -= p.SenescenceRate * (s.Lai - floor);
        s.Lai = Math.Clamp(s.Lai, 0, p.MaximumLai);
        return fluxes;
    }

    /// <summary>The autumn trigger (shortening days below the class day length, or a cold ten-day mean) or the crop's
    /// maturity.</summary>
    static bool Senesces(in VegetationCellState s, LandCoverParameters p, double dayLength, bool shortening)
    {
        if (p.MaturityDegreeDays > 0 && s.DegreeDays - s.DegreeDaysAtGreenUp >= p.MaturityDegreeDays) return true;
        if (!shortening) return false;
        return (p.SenescenceDayLength > 0 && dayLength < p.SenescenceDayLength) || s.MeanTemperature10 < p.SenescenceTemperature;
    }

    static void Apply(Disturbance disturbance, VegetationCellState[] state, LandCover[,] landCover, int rows, int columns)
    {
        int reach = (int)Math.Ceiling(disturbance.Radius);
        for (int r = Math.Max(0, disturbance.Row - reach); r <= Math.Min(rows - 1, disturbance.Row + reach); r++)
            for (int c = Math.Max(0, disturbance.Column - reach); c <= Math.Min(columns - 1, disturbance.Column + reach); c++)
            {
                if (!disturbance.Covers(r, c)) continue;
                ref var s = ref state[r * columns + c];
                double loss = disturbance.LossFor(landCover[r, c], s.StressMemory);
                s.Lai *= 1 - loss;
                s.Canopy *= 1 - loss;
            }
    }
}
