// Keeps TorchSharp's Scalar objects alive while libtorch uses their native handles.
//
// TorchSharp 0.107 reads an object's handle and then calls libtorch with the bare IntPtr, e.g.
//     public Tensor add(Tensor target) => add(target, 1);        // 1 becomes a temporary Scalar
//     public Tensor add(Tensor target, Scalar alpha) => new Tensor(THSTensor_add(Handle, target.Handle, alpha.Handle));
// Once alpha.Handle is read, nothing references the temporary Scalar. If another thread triggers a garbage
// collection during the native call (the kernel's output threads, a parallel test, a progress reporter), the
// finalizer thread runs ~Scalar, frees the at::Scalar, and libtorch reads freed memory: most often the error
// "Expected false to be true ... Exception raised from toFloat at c10/core/Scalar.h", in principle a wrong alpha.
// Every `a + b`, `x * 0.5`, and Adam's own step make such temporaries; DisposeScope tracks tensors, not Scalars.
// tests/HydroWorkshop.Tests/Build/TorchSharpKeepAliveTests reproduces it (dozens of failures in a few seconds of
// additions beside a thread that collects garbage) and checks the fix.
//
// The fix, until TorchSharp keeps its arguments alive itself (GC.KeepAlive after each native call): Scalar's Handle
// getter also stores the object in a small per-thread ring of the last eight Scalars whose handle was read. A native call runs on the
// thread that read the handles, and no call takes eight or more of them,
// so each object stays reachable until its call has returned; the ring then drops it, and Dispose or the finalizer
// frees it as before. The cost is one thread-static store per handle read. Tensors are left alone: inside a
// DisposeScope the scope holds them, and a ring of tensors would keep up to eight (possibly large) temporaries
// alive after a notebook cell ends.
//
// The build (lib/build/LibTorchSharp.targets) reads the package's TorchSharp.dll, adds two [ThreadStatic] fields and a
// few IL instructions at the top of the getter, and writes the result under obj/; the output and publish folders
// (and ReadyToRun compilation) take that copy instead of the package's. The NuGet cache is never written. HydroWorkshop.dll compiles this
// file too
// (HYDROWORKSHOP_LIBRARY) for EngineInfo's check that the loaded TorchSharp is woven.
//
// RoslynCodeTaskFactory compiles this file against netstandard2.0 with Mono.Cecil referenced; hence no newer APIs.
#nullable enable
using System;
using System.IO;
using System.Linq;
#if !HYDROWORKSHOP_LIBRARY
using Mono.Cecil;
using Mono.Cecil.Cil;
#endif

namespace HydroWorkshop.Build;

/// <summary>The names the weave gives TorchSharp's types; shared by the build step and the run-time check.</summary>
public static class TorchSharpKeepAlive
{
    /// <summary>The [ThreadStatic] array field the weave adds to each type: the last objects whose handle was read.</summary>
    public const string RingField = "__hwRecentHandleReads";

    /// <summary>The [ThreadStatic] counter field beside <see cref="RingField"/>.</summary>
    public const string NextField = "__hwNextHandleRead";

    /// <summary>The ring's length: more than the handles any one native call takes.</summary>
    public const int RingLength = 8;

    /// <summary>The type whose <c>Handle</c> getter is woven, by its metadata full name.</summary>
    public const string TypeName = "TorchSharp.Scalar";

    /// <summary>True when <paramref name="type"/> (TorchSharp's Scalar, as loaded) carries the weave.</summary>
    public static bool IsWoven(Type type) =>
        type.GetField(RingField, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static) is not null;

#if !HYDROWORKSHOP_LIBRARY
    /// <summary>Writes a woven copy of TorchSharp.dll at <paramref name="source"/> to <paramref name="destination"/>
    /// (a new file renamed into place) and returns what was done. Throws <see cref="InvalidDataException"/> naming
    /// the file when a type or getter is missing (a TorchSharp version this was not written for).</summary>
    public static string Weave(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var tempPath = destination + ".hw-weave.tmp";
        string result;
        using (var module = ModuleDefinition.ReadModule(source, new ReaderParameters { InMemory = true }))
        {
            var type = module.GetType(TypeName)
                ?? throw new InvalidDataException(
                    $"{source}: type {TypeName} not found; this TorchSharp is not one the keep-alive weave knows.");
            if (type.Fields.Any(f => f.Name == RingField))
            {
                File.Copy(source, tempPath, overwrite: true);
                result = "copied (already woven)";
            }
            else
            {
                WeaveHandleGetter(module, type, source);
                module.Write(tempPath);
                result = "woven";
            }
        }
        ReplaceFile(tempPath, destination);
        return result;
    }

    private static void ReplaceFile(string source, string destination)
    {
        // netstandard2.0 has no File.Move(overwrite); a rename over an existing file is atomic on Linux and macOS.
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null);
        }
        else
        {
            File.Move(source, destination);
        }
    }

    private static void WeaveHandleGetter(ModuleDefinition module, TypeDefinition type, string assemblyPath)
    {
        var getter = type.Properties.FirstOrDefault(p => p.Name == "Handle")?.GetMethod
            ?? throw new InvalidDataException(
                $"{assemblyPath}: {type.FullName} has no Handle getter; this TorchSharp is not one the keep-alive weave knows.");

        var threadStatic = new MethodReference(".ctor", module.TypeSystem.Void,
            new TypeReference("System", "ThreadStaticAttribute", module, module.TypeSystem.CoreLibrary)) { HasThis = true };
        var ring = new FieldDefinition(RingField, FieldAttributes.Private | FieldAttributes.Static, new ArrayType(type));
        var next = new FieldDefinition(NextField, FieldAttributes.Private | FieldAttributes.Static, module.TypeSystem.Int32);
        ring.CustomAttributes.Add(new CustomAttribute(threadStatic));
        next.CustomAttributes.Add(new CustomAttribute(threadStatic));
        type.Fields.Add(ring);
        type.Fields.Add(next);

        // ring ??= new T[RingLength]; ring[next++ & (RingLength - 1)] = this;   then the getter as shipped.
        var il = getter.Body.GetILProcessor();
        var first = getter.Body.Instructions[0];
        var haveRing = il.Create(OpCodes.Ldsfld, next);
        var prologue = new[]
        {
            il.Create(OpCodes.Ldsfld, ring),
            il.Create(OpCodes.Dup),
            il.Create(OpCodes.Brtrue, haveRing),
            il.Create(OpCodes.Pop),
            il.Create(OpCodes.Ldc_I4, RingLength),
            il.Create(OpCodes.Newarr, type),
            il.Create(OpCodes.Dup),
            il.Create(OpCodes.Stsfld, ring),
            haveRing,
            il.Create(OpCodes.Dup),
            il.Create(OpCodes.Ldc_I4_1),
            il.Create(OpCodes.Add),
            il.Create(OpCodes.Stsfld, next),
            il.Create(OpCodes.Ldc_I4, RingLength - 1),
            il.Create(OpCodes.And),
            il.Create(OpCodes.Ldarg_0),
            il.Create(OpCodes.Stelem_Ref),
        };
        foreach (var instruction in prologue)
        {
            il.InsertBefore(first, instruction);
        }
        getter.Body.MaxStackSize = Math.Max(getter.Body.MaxStackSize, 3);
    }
#endif
}

#if !HYDROWORKSHOP_LIBRARY
/// <summary>MSBuild task (lib/build/LibTorchSharp.targets): writes the woven copy of the package's TorchSharp.dll
/// (see <see cref="TorchSharpKeepAlive"/>) and says so in the build log.</summary>
public sealed class WeaveTorchSharpKeepAlive : Microsoft.Build.Utilities.Task
{
    /// <summary>TorchSharp.dll as the package ships it.</summary>
    [Microsoft.Build.Framework.Required]
    public string Source { get; set; } = "";

    /// <summary>Where the woven copy goes (under obj/); the output and publish folders get it from there.</summary>
    [Microsoft.Build.Framework.Required]
    public string Destination { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var result = TorchSharpKeepAlive.Weave(Source, Destination);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                $"HydroWorkshop: {Destination}: {result} from {Source} (Scalar arguments kept alive during native calls; docs/articles/engine.md, 'Finalizer race')");
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or BadImageFormatException)
        {
            Log.LogError(null, "HW0004", null, Source, 0, 0, 0, 0,
                $"HydroWorkshop: could not make TorchSharp keep its arguments alive during native calls: {e.Message}. "
                + "Build with -p:HwTorchSharpKeepAlive=false to go on without it (docs/articles/engine.md, 'Finalizer race').");
            return false;
        }
    }
}
#endif
