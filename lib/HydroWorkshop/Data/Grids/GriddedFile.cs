namespace HydroWorkshop.Data.Grids;

/// <summary>
/// One entry point for gridded netCDF files of either kind: the first bytes say which (netCDF-3 "CDF\x01"/"CDF\x02",
/// or netCDF-4's HDF5 signature), so a file's extension (.nc for both) does not matter.
/// </summary>
public static class GriddedFile
{
    /// <summary>Reads variable <paramref name="variable"/> of <paramref name="path"/>, decoded: missing values NaN,
    /// scale/offset applied, latitude/longitude centres and the CF time axis as dates.</summary>
    /// <example><c>var rain = GriddedFile.Read(Path.Combine(data, "forcing/precipitation_2001to2010.nc"), "precipitation");</c>
    /// gives [time 3652, lat 13, lon 17] in m/day.</example>
    public static GriddedVariable Read(string path, string variable) => Kind(path) switch
    {
        GriddedFileKind.NetCdf3 => ReadNetCdf3(NetCdf3File.Open(path), variable),
        _ => NetCdf4File.Open(path).Read(variable),
    };

    /// <summary>The variable names of <paramref name="path"/> (coordinates included).</summary>
    public static IReadOnlyList<string> VariableNames(string path) => Kind(path) switch
    {
        GriddedFileKind.NetCdf3 => NetCdf3File.Open(path).Variables.Select(v => v.Name).ToArray(),
        _ => NetCdf4File.Open(path).VariableNames,
    };

    /// <summary>Which reader <paramref name="path"/> needs, from its first bytes.</summary>
    public static GriddedFileKind Kind(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"gridded file '{path}' does not exist", path);
        var start = new byte[8];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(start, 8, throwOnEndOfStream: false);
        if (NetCdf3File.HasMagic(start.AsSpan(0, read))) return GriddedFileKind.NetCdf3;
        if (NetCdf4File.HasMagic(start.AsSpan(0, read))) return GriddedFileKind.NetCdf4;
        if (read >= 4 && start[0] == 'C' && start[1] == 'D' && start[2] == 'F')
            throw new DataFileException(path, $"netCDF-3 version byte {start[3]} is not supported (CDF-1 and CDF-2 are; CDF-5 is not)");
        throw new DataFileException(path, "neither netCDF-3 (starts with 'CDF') nor netCDF-4/HDF5 (starts with '\\x89HDF')");
    }

    internal static GriddedVariable ReadNetCdf3(NetCdf3File file, string name)
    {
        var variable = file.Variable(name);
        CoordinateVariable? Coordinate(string dimension)
        {
            var c = file.Variables.FirstOrDefault(v => v.Name == dimension && v.DimensionNames.Count == 1
                && v.DimensionNames[0] == dimension);
            return c is null ? null : new CoordinateVariable(file.ReadDoubles(c.Name), c.Attributes);
        }
        return CfConventions.Build(file.Path, name, variable.DimensionNames, variable.Shape, file.ReadSingles(name), variable.Attributes,
            variable.Type == NetCdfType.Float, Coordinate);
    }
}

/// <summary>The two kinds of netCDF file.</summary>
public enum GriddedFileKind
{
    /// <summary>netCDF-3 classic or 64-bit offset: <see cref="NetCdf3File"/>.</summary>
    NetCdf3,
    /// <summary>netCDF-4 (HDF5): <see cref="NetCdf4File"/>.</summary>
    NetCdf4,
}
