using System.Reflection;

namespace HydroWorkshop.Common;

/// <summary>
/// The .NET Interactive formatters of a library type that already renders itself for our kernel through a public
/// <c>ToMimeBundle()</c> (e.g. <c>HydroWorkshop.Plotting.Figure</c>): its <c>text/html</c> is the bundle's, so a chart
/// looks the same in both kernels (plotly.js inlined by the first chart of the process, offline); its
/// <c>text/plain</c> is <c>ToString()</c>, which never builds the HTML (a plain-text request, e.g. a variables view,
/// must not use up the one chart that carries plotly.js). Named by <see cref="TypeFormatterSourceAttribute"/>.
/// The bundle's <c>application/vnd.plotly.v1+json</c> is left out on purpose: .NET Interactive sends every format as
/// a string, and JupyterLab's Plotly renderer needs that MIME type as a JSON object.
/// </summary>
internal sealed class MimeBundleFormatterSource
{
    /// <summary>Called by .NET Interactive once per decorated type.</summary>
    public IEnumerable<object> CreateTypeFormatters() => [new BundleFormatter("text/html"), new BundleFormatter("text/plain")];

    /// <summary>One MIME type of the bundle (the shape .NET Interactive's <c>ITypeFormatter</c> convention asks for).</summary>
    internal sealed class BundleFormatter(string mimeType)
    {
        public string MimeType { get; } = mimeType;

        /// <summary>Writes <paramref name="instance"/> as <see cref="MimeType"/>; false when it has no such form. An
        /// exception from <c>ToMimeBundle()</c> (an invalid figure) reaches the participant as the cell's error.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            if (MimeType == "text/plain")
            {
                writer.Write(instance.ToString());
                return true;
            }
            var toMimeBundle = instance.GetType().GetMethod("ToMimeBundle", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            object? bundle;
            try
            {
                bundle = toMimeBundle?.Invoke(instance, null);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            if (bundle is not IReadOnlyDictionary<string, object> data || !data.TryGetValue(MimeType, out var content)
                || content is not string text)
                return false;
            writer.Write(text);
            return true;
        }
    }
}
