using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Makes a cell interruptible without the participant's help: a cancellation check goes at the top of every loop
/// body and every method, local function, accessor and block lambda the cell declares, so <c>while (true) { }</c>,
/// a training loop without cancellation calls and runaway recursion all stop within one iteration of an interrupt.
/// The check is <see cref="HydroWorkshop.Common.WorkshopCancellation.ThrowIfCancellationRequested"/>: one volatile
/// read per iteration.
/// </summary>
/// <remarks>
/// The cell is changed as text, never across lines (an embedded statement <c>while (c) x++;</c> becomes
/// <c>while (c) {check; x++; }</c> on the same line), so tracebacks keep the cell's line numbers. Blocking waits
/// (<c>Thread.Sleep</c>, <c>Task.Wait</c>, locks) are not rewritten: the kernel interrupts the waiting thread
/// instead (<see cref="CellExecutor.Interrupt"/>).
/// </remarks>
public static class CellInstrumentation
{
    /// <summary>The statement inserted; <c>global::</c> so a cell's own names cannot shadow it.</summary>
    public const string Check = "global::HydroWorkshop.Common.WorkshopCancellation.ThrowIfCancellationRequested();";

    /// <summary>The cell with its checks, or <paramref name="code"/> itself (same instance) when it has no loop or
    /// method body, or does not parse (the compiler then reports the cell as written).</summary>
    public static string Instrument(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, ScriptSetup.ParseOptions).GetRoot();
        if (root.ContainsDiagnostics) return code;
        var insertions = new List<Insertion>();
        foreach (var node in root.DescendantNodes())
        {
            var depth = node.Ancestors().Count();
            switch (node)
            {
                case WhileStatementSyntax loop: AddBody(loop.Statement, depth, insertions); break;
                case DoStatementSyntax loop: AddBody(loop.Statement, depth, insertions); break;
                case ForStatementSyntax loop: AddBody(loop.Statement, depth, insertions); break;
                case CommonForEachStatementSyntax loop: AddBody(loop.Statement, depth, insertions); break;
                case BaseMethodDeclarationSyntax { Body: { } body }: AddBlock(body, insertions); break;
                case LocalFunctionStatementSyntax { Body: { } body }: AddBlock(body, insertions); break;
                case AccessorDeclarationSyntax { Body: { } body }: AddBlock(body, insertions); break;
                case AnonymousFunctionExpressionSyntax { Block: { } body }: AddBlock(body, insertions); break;
            }
        }
        if (insertions.Count == 0) return code;
        // Same position: closing braces before opening ones; deeper closings first, outer openings first, so nested
        // embedded statements (for (...) for (...) x++;) nest their braces correctly.
        insertions.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position)
            : a.Closing != b.Closing ? (a.Closing ? -1 : 1)
            : a.Closing ? b.Depth.CompareTo(a.Depth) : a.Depth.CompareTo(b.Depth));
        var text = new StringBuilder(code.Length + insertions.Count * (Check.Length + 3));
        var copied = 0;
        foreach (var insertion in insertions)
        {
            text.Append(code, copied, insertion.Position - copied).Append(insertion.Text);
            copied = insertion.Position;
        }
        return text.Append(code, copied, code.Length - copied).ToString();
    }

    private static void AddBody(StatementSyntax body, int depth, List<Insertion> insertions)
    {
        if (body is BlockSyntax block)
        {
            AddBlock(block, insertions);
            return;
        }
        insertions.Add(new Insertion(body.SpanStart, "{" + Check + " ", depth, Closing: false));
        insertions.Add(new Insertion(body.Span.End, " }", depth, Closing: true));
    }

    private static void AddBlock(BlockSyntax block, List<Insertion> insertions)
    {
        if (block.OpenBraceToken.IsMissing) return;
        insertions.Add(new Insertion(block.OpenBraceToken.Span.End, " " + Check, 0, Closing: false));
    }

    private readonly record struct Insertion(int Position, string Text, int Depth, bool Closing);
}
