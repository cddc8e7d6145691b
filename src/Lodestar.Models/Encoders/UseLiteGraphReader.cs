using Lodestar.Core;

namespace Lodestar.Models.Encoders;

/// <summary>Maps the named constants of the USE lite TF.js graph onto a <see cref="UseLiteNetwork"/>.</summary>
internal static class UseLiteGraphReader
{
    private const string Encode = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
    private const string Stack = Encode + "TransformerStack/";
    private const string Variables = "module/Encoder_en/KonaTransformer/Encode/";

    public static UseLiteNetwork Read(TfjsGraphModel graph)
    {
        var layers = new List<TransformerLayer>();
        while (graph.NodeOps.ContainsKey(QkvKernel(layers.Count)))
        {
            layers.Add(ReadLayer(graph, layers.Count));
        }

        if (layers.Count == 0)
        {
            throw LodestarException.Invalid("TF.js model has no KonaTransformer layers; it is not Universal Sentence Encoder lite.");
        }

        var embeddingWidth = layers[0].InputWidth;
        var embeddings = graph.Weight("module/Embeddings_en");
        var maxTokens = Scalar(graph, "module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Less/y");
        var timescales = graph.Weight(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1").Floats(1, embeddingWidth / 2);
        var width = layers[^1].OutputWidth;
        var projection = new DenseLayer(
            graph.Weight("module/Encoder_en/hidden_layers/tanh_layer_0/weights").Floats(width, width),
            graph.Weight("module/Encoder_en/hidden_layers/tanh_layer_0/bias").Floats(width),
            width,
            width);
        var normFloor = graph.Weight("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y").Floats()[0];
        return new UseLiteNetwork(
            embeddings.Floats(embeddings.Shape[0], embeddingWidth), timescales, maxTokens, [.. layers], projection, normFloor);
    }

    private static string QkvKernel(int layer) =>
        $"{Variables}Layer_{layer}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0";

    private static TransformerLayer ReadLayer(TfjsGraphModel graph, int layer)
    {
        var local = $"{Encode}Layer_{layer}/TransformerLayer/";
        var stacked = $"{Stack}Layer_{layer}/TransformerLayer/";
        var qkvKernel = graph.Weight(QkvKernel(layer));
        var inputs = qkvKernel.Shape[2];
        var attentionWidth = qkvKernel.Shape[3] / 3;
        var outputKernel = graph.Weight($"{Variables}Layer_{layer}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0");
        var outputs = outputKernel.Shape[3];
        var attention = new MultiHeadSelfAttention(
            Dense(qkvKernel.Floats(1, 1, inputs, 3 * attentionWidth), graph, local + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat", inputs, 3 * attentionWidth),
            Dense(outputKernel.Floats(1, 1, attentionWidth, outputs), graph, local + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat", attentionWidth, outputs),
            Scalar(graph, stacked + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3"),
            graph.Weight(stacked + "MultiheadAttention/mul/y").Floats()[0]);

        DenseLayer? residual = null;
        if (inputs != outputs)
        {
            residual = Dense(graph.Weight(local + "dense/kernel/ConcatPartitions/concat").Floats(inputs, outputs), graph, local + "dense/bias/ConcatPartitions/concat", inputs, outputs);
        }

        var epsilon = graph.Weight(Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x").Floats()[0];
        var conv1 = graph.Weight(stacked + "FFN/conv1/Tensordot/Reshape_1");
        var hidden = conv1.Shape[1];
        return new TransformerLayer(
            Norm(graph, local + "layer_prepostprocess/layer_norm/", inputs, epsilon),
            attention,
            residual,
            Norm(graph, local + "FFN/layer_prepostprocess/layer_norm/", outputs, epsilon),
            Dense(conv1.Floats(outputs, hidden), graph, local + "FFN/conv1/bias/ConcatPartitions/concat", outputs, hidden),
            Dense(graph.Weight(stacked + "FFN/conv2/Tensordot/Reshape_1").Floats(hidden, outputs), graph, local + "FFN/conv2/bias/ConcatPartitions/concat", hidden, outputs));
    }

    private static DenseLayer Dense(float[] kernel, TfjsGraphModel graph, string biasName, int inputs, int outputs) =>
        new(kernel, graph.Weight(biasName).Floats(outputs), inputs, outputs);

    private static LayerNorm Norm(TfjsGraphModel graph, string prefix, int width, float epsilon) =>
        new(graph.Weight(prefix + "layer_norm_scale/ConcatPartitions/concat").Floats(width),
            graph.Weight(prefix + "layer_norm_bias/ConcatPartitions/concat").Floats(width),
            epsilon);

    private static int Scalar(TfjsGraphModel graph, string name) => graph.Weight(name).Ints()[0];
}
