using PureHDF;
using PureHDF.VOL.Native;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// Reads variables of netCDF-4 files, which are HDF5 files with conventions on top, through PureHDF (managed code, no
/// native HDF5 library). Variables are the datasets of the root group; dimension names come from each variable's
/// DIMENSION_LIST (HDF5 dimension scales, which netCDF-4 writes), else from a 1-D dataset of the same length named like
/// a coordinate. Opens the file for each call and holds no handle.
/// </summary>
public sealed class NetCdf4File
{
    /// <summary>HDF5's signature, at the start of every netCDF-4 file.</summary>
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Attributes HDF5 and netCDF-4 keep for themselves (dimension-scale bookkeeping), left out of the lists.</summary>
    private static readonly string[] Internal = ["DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_Netcdf4Dimid",
        "_Netcdf4Coordinates", "_nc3_strict", "_NCProperties"];

    private NetCdf4File(string path, IReadOnlyList<string> variables, IReadOnlyList<NetCdfAttribute> attributes)
    {
        Path = path;
        VariableNames = variables;
        GlobalAttributes = attributes;
    }

    public string Path { get; }

    /// <summary>Names of the root group's datasets (data and coordinate variables alike), in the file's order.</summary>
    public IReadOnlyList<string> VariableNames { get; }
    public IReadOnlyList<NetCdfAttribute> GlobalAttributes { get; }

    /// <summary>True when the file starts with the HDF5 signature.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.Length >= 8 && start[..8].SequenceEqual(Signature);

    /// <summary>Lists the variables and global attributes of <paramref name="path"/>.</summary>
    public static NetCdf4File Open(string path) => Use(path, file =>
        new NetCdf4File(path, file.Children().OfType<IH5Dataset>().Select(d => d.Name).ToArray(), ReadAttributes(file)));

    /// <summary>Reads variable <paramref name="name"/> with its coordinates and attributes, decoded
    /// (<see cref="GriddedVariable"/>: missing values NaN, scale/offset applied).</summary>
    public GriddedVariable Read(string name) => Use(Path, file =>
    {
        var dataset = Dataset(file, name);
        var shape = dataset.Space.Dimensions.Select(d => checked((int)d)).ToArray();
        var attributes = ReadAttributes(dataset);
        var dimensions = DimensionNames(file, dataset, shape);
        CoordinateVariable? Coordinate(string dimension) =>
            file.LinkExists(dimension) && file.Get(dimension) is IH5Dataset c && c.Space.Rank == 1
                ? new CoordinateVariable(ReadDoubles(c), ReadAttributes(c)) : null;
        var raw = ReadSingles(dataset);
        return CfConventions.Build(Path, name, dimensions, shape, raw, attributes,
            dataset.Type.Class == H5DataTypeClass.FloatingPoint && dataset.Type.Size == 4, Coordinate);
    });

    private IH5Dataset Dataset(NativeFile file, string name)
    {
        var names = file.Children().OfType<IH5Dataset>().Select(d => d.Name).ToArray();
        if (!names.Contains(name))
            throw new DataFileException(Path, $"variable '{name}' not found; the file has: {string.Join(", ", names)}");
        var dataset = file.Dataset(name);
        if (dataset.Type.Class is not (H5DataTypeClass.FloatingPoint or H5DataTypeClass.FixedPoint))
            throw new DataFileException(Path, $"variable '{name}' is of HDF5 class {dataset.Type.Class}; only numbers are read");
        return dataset;
    }

    private static string[] DimensionNames(NativeFile file, IH5Dataset dataset, int[] shape)
    {
        if (dataset.AttributeExists("DIMENSION_LIST"))
        {
            try
            {
                var references = dataset.Attribute("DIMENSION_LIST").Read<NativeObjectReference1[][]>();
                if (references.Length == shape.Length)
                    return references.Select(r => file.Get(r[0]).Name ?? throw new InvalidDataException("unnamed dimension scale"))
                        .ToArray();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A DIMENSION_LIST PureHDF cannot follow: fall back to matching coordinate lengths below.
            }
        }
        var scales = file.Children().OfType<IH5Dataset>().Where(d => d.Space.Rank == 1 && d.Name != dataset.Name).ToArray();
        var used = new HashSet<string>();
        return shape.Select((length, axis) =>
        {
            var match = scales.FirstOrDefault(s => (long)s.Space.Dimensions[0] == length && !used.Contains(s.Name!)
                && (s.AttributeExists("CLASS") || s.Name!.ToLowerInvariant() is "lat" or "latitude" or "lon" or "longitude" or "time"
                    or "x" or "y"));
            if (match is null) return $"dim{axis}";
            used.Add(match.Name!);
            return match.Name!;
        }).ToArray();
    }

    private float[] ReadSingles(IH5Dataset dataset)
    {
        var type = dataset.Type;
        try
        {
            if (type.Class == H5DataTypeClass.FloatingPoint && type.Size == 4) return dataset.Read<float[]>();
            return ReadDoubles(dataset).Select(v => (float)v).ToArray();
        }
        catch (Exception e) when (e is not DataFileException and not OutOfMemoryException)
        {
            throw new DataFileException(Path, $"variable '{dataset.Name}' cannot be read ({e.Message})");
        }
    }

    private static double[] ReadDoubles(IH5Dataset dataset)
    {
        var type = dataset.Type;
        return (type.Class, type.Size, type.Class == H5DataTypeClass.FixedPoint && type.FixedPoint.IsSigned) switch
        {
            (H5DataTypeClass.FloatingPoint, 4, _) => dataset.Read<float[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FloatingPoint, 8, _) => dataset.Read<double[]>(),
            (H5DataTypeClass.FixedPoint, 1, true) => dataset.Read<sbyte[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 1, false) => dataset.Read<byte[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 2, true) => dataset.Read<short[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 2, false) => dataset.Read<ushort[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 4, true) => dataset.Read<int[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 4, false) => dataset.Read<uint[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 8, true) => dataset.Read<long[]>().Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 8, false) => dataset.Read<ulong[]>().Select(v => (double)v).ToArray(),
            _ => throw new InvalidDataException($"HDF5 type {type.Class} of {type.Size} bytes is not read"),
        };
    }

    /// <summary>Text and numeric attributes (others, such as references, are skipped).</summary>
    private static List<NetCdfAttribute> ReadAttributes(IH5Object owner)
    {
        var list = new List<NetCdfAttribute>();
        foreach (var a in owner.Attributes())
        {
            if (Internal.Contains(a.Name)) continue;
            var type = a.Type;
            NetCdfAttribute? attribute = (type.Class, type.Size) switch
            {
                (H5DataTypeClass.String, _) => NetCdfAttribute.Of(a.Name, ReadText(a)),
                // Variable-length strings (netCDF4-python and PureHDF write text so); other variable-length data is skipped.
                (H5DataTypeClass.VariableLength, _) => TryReadText(a) is string text ? NetCdfAttribute.Of(a.Name, text) : null,
                (H5DataTypeClass.FloatingPoint, 4) => new(a.Name, NetCdfType.Float, null, Numbers<float>(a, v => v)),
                (H5DataTypeClass.FloatingPoint, 8) => new(a.Name, NetCdfType.Double, null, Numbers<double>(a, v => v)),
                (H5DataTypeClass.FixedPoint, 4) when type.FixedPoint.IsSigned => new(a.Name, NetCdfType.Int, null, Numbers<int>(a, v => v)),
                (H5DataTypeClass.FixedPoint, 2) when type.FixedPoint.IsSigned => new(a.Name, NetCdfType.Short, null,
                    Numbers<short>(a, v => v)),
                (H5DataTypeClass.FixedPoint, 1) when type.FixedPoint.IsSigned => new(a.Name, NetCdfType.Byte, null,
                    Numbers<sbyte>(a, v => v)),
                _ => null,
            };
            if (attribute is not null) list.Add(attribute);
        }
        return list;
    }

    /// <summary>A numeric attribute's values, scalar (rank 0) or array.</summary>
    private static double[] Numbers<T>(IH5Attribute attribute, Func<T, double> convert) =>
        attribute.Space.Rank == 0 ? [convert(attribute.Read<T>())] : attribute.Read<T[]>().Select(convert).ToArray();

    private static string? TryReadText(IH5Attribute attribute)
    {
        try
        {
            return ReadText(attribute);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static string ReadText(IH5Attribute attribute) =>
        attribute.Space.Rank == 0 ? attribute.Read<string>() : string.Join(", ", attribute.Read<string[]>());

    private static T Use<T>(string path, Func<NativeFile, T> read)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"netCDF file '{path}' does not exist", path);
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFileException(path, $"not a readable netCDF-4/HDF5 file ({e.Message})");
        }
        using (file) return read(file);
    }
}
