using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>How both trainers use <see cref="TrainingConfig.Device"/>: the model trains on the device and is handed back
/// on the CPU (where evaluation, prediction and charts run), also when training fails.</summary>
internal static class DeviceTraining
{
    /// <summary>Runs <paramref name="fit"/> with <paramref name="model"/> on <paramref name="device"/>, telling the trainer
    /// its batches' device through <paramref name="setBatchDevice"/> (back to the CPU afterwards).</summary>
    public static T Run<T>(nn.Module model, Device device, Action<Device> setBatchDevice, Func<T> fit)
    {
        if (device.type == DeviceType.CPU) return fit();
        model.to(device);
        setBatchDevice(device);
        try
        {
            return fit();
        }
        finally
        {
            setBatchDevice(CPU);
            model.to(CPU);
        }
    }
}
