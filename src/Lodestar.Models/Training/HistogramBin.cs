namespace Lodestar.Models.Training;

/// <summary>Sums of gradients, hessians and rows that fell in one bin of one feature.</summary>
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public int Count;

    public readonly HistogramBin Minus(in HistogramBin other) =>
        new() { Gradient = Gradient - other.Gradient, Hessian = Hessian - other.Hessian, Count = Count - other.Count };

    public void Add(in HistogramBin other)
    {
        Gradient += other.Gradient;
        Hessian += other.Hessian;
        Count += other.Count;
    }
}
