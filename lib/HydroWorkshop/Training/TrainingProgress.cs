using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Common;

namespace HydroWorkshop.Training;

/// <summary>
/// A progress bar for training: redrawn in place in a terminal, updated in place through the notebook display
/// handle inside the Jupyter kernel, and silent when output goes to a file (the epoch log lines remain).
/// Redraws at most every half second so that it costs nothing measurable.
/// </summary>
internal sealed class TrainingProgress(int epochs)
{
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private readonly bool terminal = !Console.IsOutputRedirected;
    private INotebookDisplayHandle? notebook;

    public void Report(int epoch, int batch, int batches, double meanLoss)
    {
        if (batch < batches && sinceDraw.ElapsedMilliseconds < 500) return;
        sinceDraw.Restart();
        const int width = 30;
        var filled = batches == 0 ? width : width * batch / batches;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Epoch {epoch}/{epochs} [{new string('#', filled)}{new string('.', width - filled)}] {batch}/{batches} batches, loss {meanLoss:F4}");
        if (NotebookDisplay.IsInNotebook)
        {
            if (notebook is null) notebook = NotebookDisplay.Display(text);
            else notebook.Update(text);
        }
        else if (terminal)
        {
            Console.Write("\r" + text.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100));
        }
    }

    public void Finish()
    {
        if (terminal && !NotebookDisplay.IsInNotebook) Console.Write("\r" + new string(' ', 100) + "\r");
    }
}
