using System.Numerics.Tensors;
using Lodestar.Models.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Lodestar.Models.Training;

/// <summary>
/// Fits logistic (binary targets) or ridge (numeric targets) regression by damped Newton steps on the
/// L2-penalised loss: the Hessian X'WX + L2*I is tiny next to the data, so each step is one parallel pass over
/// the rows plus a Cholesky solve. For squared loss the first step is already the exact ridge solution.
/// </summary>
public static class LinearTrainer
{
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
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (gradient, hessian) = GradientAndHessian(design, y, w, options.L2, logistic);
            var step = Matrix<double>.Build.DenseOfColumnMajor(p, p, hessian).Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient)).ToArray();
            var candidate = new double[p];
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
                (w, objective) = (candidate, next);
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

    private static double Objective(DesignMatrix design, double[] y, double[] w, double l2, bool logistic)
    {
        var p = design.Width;
        double loss = 0;
        for (var row = 0; row < design.Rows; row++)
        {
            var eta = TensorPrimitives.Dot(design.Values.AsSpan(row * p, p), w);
            loss += logistic
                ? Metrics.LogLoss(y[row], eta)
                : 0.5 * (eta - y[row]) * (eta - y[row]);
        }

        var penalty = TensorPrimitives.SumOfSquares<double>(w.AsSpan(1));
        return loss + (0.5 * l2 * penalty);
    }

    /// <summary>Gradient and (column-major, symmetric) Hessian of the penalised loss, accumulated over row blocks in parallel.</summary>
    private static (double[] Gradient, double[] Hessian) GradientAndHessian(DesignMatrix design, double[] y, double[] w, double l2, bool logistic)
    {
        var p = design.Width;
        var blocks = Math.Max(1, Math.Min(Environment.ProcessorCount, design.Rows / 4096));
        var partials = new (double[] G, double[] H)[blocks];
        Parallel.For(0, blocks, block =>
        {
            var g = new double[p];
            var h = new double[p * p];
            var start = (int)((long)design.Rows * block / blocks);
            var end = (int)((long)design.Rows * (block + 1) / blocks);
            for (var row = start; row < end; row++)
            {
                var x = design.Values.AsSpan(row * p, p);
                var eta = TensorPrimitives.Dot(x, w);
                double residual;
                double weight;
                if (logistic)
                {
                    var probability = TabularModel.Sigmoid(eta);
                    residual = probability - y[row];
                    weight = Math.Max(probability * (1 - probability), 1e-12);
                }
                else
                {
                    residual = eta - y[row];
                    weight = 1;
                }

                TensorPrimitives.MultiplyAdd(x, residual, g, g);
                for (var a = 0; a < p; a++)
                {
                    if (x[a] == 0)
                    {
                        continue;
                    }

                    // Upper triangle only (rows a..p of column a); one-hot zeros are skipped above.
                    var column = h.AsSpan((a * p) + a, p - a);
                    TensorPrimitives.MultiplyAdd(x[a..], x[a] * weight, column, column);
                }
            }

            partials[block] = (g, h);
        });

        var gradient = partials[0].G;
        var hessian = partials[0].H;
        for (var block = 1; block < blocks; block++)
        {
            TensorPrimitives.Add(gradient, partials[block].G, gradient);
            TensorPrimitives.Add(hessian, partials[block].H, hessian);
        }

        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                hessian[(b * p) + a] = hessian[(a * p) + b];
            }
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
}
