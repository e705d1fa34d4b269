namespace Attune.Visualization;

/// <summary>A rectangle of the SVG canvas, in pixels.</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;
}
