namespace HydroWorkshop.Data;

/// <summary>A malformed data file: the message names the file, the line number (1-based) and the offending text.</summary>
public sealed class DataFileException : FormatException
{
    public DataFileException(string path, int line, string text, string problem)
        : base($"{path}, line {line}: {problem}: '{Shorten(text)}'")
    {
        FilePath = path;
        LineNumber = line;
        Text = text;
    }

    public DataFileException(string path, string problem) : base($"{path}: {problem}")
    {
        FilePath = path;
        Text = "";
    }

    public string FilePath { get; }

    /// <summary>1-based line number, 0 when the problem is the whole file.</summary>
    public int LineNumber { get; }

    public string Text { get; }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
