namespace HydroWorkshop.Kernel; internal static class Program { private static int Main() => 0; }
