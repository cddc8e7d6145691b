using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// Fits logistic (binary targets) or ridge (numeric targets) regression by damped Newton steps on the
/// L2-penalised loss: the Hessian X'WX + L2*I is tiny next to the data, so each step is one pass over the rows
/// (in parallel blocks when there are many) plus a Cholesky solve and a loss pass for the step's line search. For squared loss the first step is already
/// the exact ridge solution.
/// </summary>
public static class LinearTrainer
{
    /// <summary>Rows per parallel block: below two blocks' worth the pass runs on the calling thread.</summary>
    private const int ParallelBlockRows = 4096;

    /// <summary>Rows whose predictions and weights are computed before they go through the Hessian kernel, while still in cache.</summary>
    private const int ChunkRows = 128;

    public static LinearModel Train(TrainingSet set, LinearTrainerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        options ??= new LinearTrainerOptions();
        var logistic = set.Signature.Task == ModelTask.BinaryClassification;
        var design = DesignMatrix.Build(set.Features);
        var y = set.Target;
        var p = design.Width;
        var w = new double[p];
        if (!logistic)
        {
            w[0] = TensorPrimitives.Sum<double>(y) / y.Length;
        }

        var objective = Objective(design, y, w, options.L2, logistic);
        var step = new double[p];
        var candidate = new double[p];
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (gradient, hessian) = GradientAndHessian(design, y, w, options.L2, logistic);
            Cholesky.Solve(hessian, gradient, step);
            var scale = 1.0;
            double next;
            do
            {
                for (var j = 0; j < p; j++)
                {
                    candidate[j] = w[j] - (scale * step[j]);
                }

                next = Objective(design, y, candidate, options.L2, logistic);
                scale /= 2;
            }
            while (next > objective + 1e-12 * Math.Abs(objective) && scale > 1e-6);

            // MaxMagnitude keeps the sign of the largest element.
            var largest = Math.Abs(TensorPrimitives.MaxMagnitude<double>(step)) * scale * 2;
            if (next <= objective)
            {
                (w, candidate, objective) = (candidate, w, next);
            }

            if (largest < options.Tolerance || next > objective)
            {
                break;
            }
        }

        return ToModel(set, design, w);
    }

    private static LinearModel ToModel(TrainingSet set, DesignMatrix design, double[] w)
    {
        var inputs = set.Signature.Inputs;
        var weights = new double[inputs.Count][];
        for (var f = 0; f < inputs.Count; f++)
        {
            var width = inputs[f].Kind == ColumnKind.Numeric ? 1 : inputs[f].Levels?.Count ?? 0;
            weights[f] = w.AsSpan(design.Offsets[f], width).ToArray();
        }

        return new LinearModel { Signature = set.Signature, Intercept = w[0], Means = design.Means, Scales = design.Scales, Weights = weights };
    }

    /// <summary>Penalised loss at <paramref name="w"/>; blocks are summed in a fixed order, so the value is deterministic.</summary>
    private static double Objective(DesignMatrix design, double[] y, double[] w, double l2, bool logistic)
    {
        double loss = 0;
        foreach (var partial in InBlocks(design.Rows, (start, end) => Loss(design, y, w, logistic, start, end)))
        {
            loss += partial;
        }

        var penalty = TensorPrimitives.SumOfSquares<double>(w.AsSpan(1));
        return loss + (0.5 * l2 * penalty);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Loss(DesignMatrix design, double[] y, double[] w, bool logistic, int start, int end)
    {
        var p = design.Width;
        Span<double> eta = stackalloc double[ChunkRows];
        double loss = 0;
        for (var chunk = start; chunk < end; chunk += ChunkRows)
        {
            var count = Math.Min(ChunkRows, end - chunk);
            DenseKernels.Multiply(design.Values.AsSpan(chunk * p, count * p), w, eta[..count]);
            for (var i = 0; i < count; i++)
            {
                var target = y[chunk + i];
                loss += logistic ? Metrics.LogLoss(target, eta[i]) : 0.5 * (eta[i] - target) * (eta[i] - target);
            }
        }

        return loss;
    }

    /// <summary>
    /// Runs <paramref name="pass"/> over row blocks, in parallel when there are several (below two blocks' worth of
    /// rows, one block on the calling thread), and returns the partial results in block order.
    /// </summary>
    private static T[] InBlocks<T>(int rows, Func<int, int, T> pass)
    {
        var blocks = Math.Max(1, Math.Min(Environment.ProcessorCount, rows / ParallelBlockRows));
        var partials = new T[blocks];
        if (blocks == 1)
        {
            partials[0] = pass(0, rows);
        }
        else
        {
            Parallel.For(0, blocks, block => partials[block] = pass(BlockStart(block), BlockStart(block + 1)));
        }

        return partials;

        int BlockStart(int block) => (int)((long)rows * block / blocks);
    }

    /// <summary>Gradient and upper-triangle Hessian of the penalised loss, accumulated over row blocks in parallel.</summary>
    private static (double[] Gradient, double[] Hessian) GradientAndHessian(DesignMatrix design, double[] y, double[] w, double l2, bool logistic)
    {
        var p = design.Width;
        var partials = InBlocks(design.Rows, (start, end) => Accumulate(design, y, w, logistic, start, end));
        var gradient = partials[0].G;
        var hessian = partials[0].H;
        for (var block = 1; block < partials.Length; block++)
        {
            TensorPrimitives.Add(gradient, partials[block].G, gradient);
            TensorPrimitives.Add(hessian, partials[block].H, hessian);
        }

        for (var j = 1; j < p; j++)
        {
            gradient[j] += l2 * w[j];
            hessian[(j * p) + j] += l2;
        }

        // A category level never seen leaves an all-zero column; the penalty keeps the system positive definite,
        // and this keeps the unpenalised intercept row well-posed too.
        hessian[0] += 1e-12;
        return (gradient, hessian);
    }

    /// <summary>Loss gradient and upper-triangle Hessian over rows [start, end), a cache-sized chunk at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] G, double[] H) Accumulate(DesignMatrix design, double[] y, double[] w, bool logistic, int start, int end)
    {
        var p = design.Width;
        var g = new double[p];
        var h = new double[p * p];
        Span<double> residuals = stackalloc double[ChunkRows];
        Span<double> weights = stackalloc double[ChunkRows];
        for (var chunk = start; chunk < end; chunk += ChunkRows)
        {
            var count = Math.Min(ChunkRows, end - chunk);
            var rows = design.Values.AsSpan(chunk * p, count * p);
            DenseKernels.Multiply(rows, w, residuals[..count]);
            for (var i = 0; i < count; i++)
            {
                var eta = residuals[i];
                if (logistic)
                {
                    var probability = TabularModel.Sigmoid(eta);
                    residuals[i] = probability - y[chunk + i];
                    weights[i] = Math.Max(probability * (1 - probability), 1e-12);
                }
                else
                {
                    residuals[i] = eta - y[chunk + i];
                    weights[i] = 1;
                }
            }

            DenseKernels.MultiplyTransposedAdd(rows, residuals[..count], g);
            DenseKernels.AddWeightedGramUpper(rows, weights[..count], h);
        }

        return (g, h);
    }
}
