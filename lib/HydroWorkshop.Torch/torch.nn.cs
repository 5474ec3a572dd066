using HydroWorkshop.Torch.Modules;

namespace HydroWorkshop.Torch;

public static partial class torch
{
    /// <summary>torch.nn: layers by PyTorch's names (<c>nn.Linear(5, 1)</c>); the classes are in
    /// HydroWorkshop.Torch.Modules.</summary>
    public static partial class nn
    {
        public static Linear Linear(long inFeatures, long outFeatures, bool hasBias = true) => new(inFeatures, outFeatures, hasBias);
        public static LSTM LSTM(long inputSize, long hiddenSize, int numLayers = 1, bool hasBias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false) =>
            new(inputSize, hiddenSize, numLayers, hasBias, batchFirst, dropout, bidirectional);
        public static GRU GRU(long inputSize, long hiddenSize, int numLayers = 1, bool hasBias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false) =>
            new(inputSize, hiddenSize, numLayers, hasBias, batchFirst, dropout, bidirectional);
        public static LSTMCell LSTMCell(long inputSize, long hiddenSize, bool hasBias = true) => new(inputSize, hiddenSize, hasBias);
        public static Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, hasBias);
        public static Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, string padding, long dilation = 1, long groups = 1, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, padding, dilation, groups, hasBias);
        public static ConvTranspose2d ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0) =>
            new(inChannels, outChannels, kernelSize, stride, padding, outputPadding);
        public static MaxPool2d MaxPool2d(long kernelSize, long? stride = null, long padding = 0) => new(kernelSize, stride, padding);
        public static AvgPool2d AvgPool2d(long kernelSize, long? stride = null, long padding = 0) => new(kernelSize, stride, padding);
        public static Upsample Upsample(double scaleFactor, string mode = "nearest") => new(scaleFactor, mode);
        public static BatchNorm2d BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1) => new(numFeatures, eps, momentum);
        public static GroupNorm GroupNorm(long numGroups, long numChannels, double eps = 1e-5) => new(numGroups, numChannels, eps);
        public static LayerNorm LayerNorm(long normalizedSize, double eps = 1e-5) => new(normalizedSize, eps);
        public static Dropout Dropout(double p = 0.5) => new(p);
        public static Dropout2d Dropout2d(double p = 0.5) => new(p);
        public static Embedding Embedding(long numEmbeddings, long embeddingDim) => new(numEmbeddings, embeddingDim);
        public static ReLU ReLU() => new();
        public static LeakyReLU LeakyReLU(double negativeSlope = 0.01) => new(negativeSlope);
        public static GELU GELU(string approximate = "none") => new(approximate);
        public static SiLU SiLU() => new();
        public static Tanh Tanh() => new();
        public static Sigmoid Sigmoid() => new();
        public static Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);
        public static MultiheadAttention MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool batchFirst = false) =>
            new(embedDim, numHeads, dropout, batchFirst);
        public static TransformerEncoderLayer TransformerEncoderLayer(long dModel, long nHead, long dimFeedforward = 2048, double dropout = 0.1,
            string activation = "relu", bool batchFirst = false, bool normFirst = false) =>
            new(dModel, nHead, dimFeedforward, dropout, activation, 1e-5, batchFirst, normFirst);
        public static TransformerEncoder TransformerEncoder(Func<TransformerEncoderLayer> layer, int numLayers, LayerNorm? norm = null) => new(layer, numLayers, norm);
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
    }
}
