using System.Runtime.CompilerServices;

// The data tests check the file parsers directly (spot checks against raw lines).
[assembly: InternalsVisibleTo("HydroWorkshop.Data.Tests")]
