using SkiaSharp;

namespace CustomerPortal.Core.Demo;

/// <summary>Draws simple before/after pictures of a utility corner (an old tank water heater, then a new tankless one) for the demo jobs.</summary>
internal static class DemoPictures
{
    public const int Width = 1200;
    public const int Height = 900;
    public const int ThumbnailWidth = 320;
    public const int ThumbnailHeight = 240;

    /// <summary>The full picture and its thumbnail, both JPEG. The same seed always draws the same picture.</summary>
    public static (byte[] Full, byte[] Thumbnail) Draw(bool after, int seed) =>
        (Encode(after, seed, Width, Height), Encode(after, seed, ThumbnailWidth, ThumbnailHeight));

    private static byte[] Encode(bool after, int seed, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Scale(width / (float)Width, height / (float)Height);
        DrawScene(canvas, after, new Random(seed));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }

    private static void DrawScene(SKCanvas canvas, bool after, Random random)
    {
        using var paint = new SKPaint { IsAntialias = true };

        // Wall and floor.
        paint.Color = after ? new SKColor(0xF3, 0xF1, 0xEA) : new SKColor(0xB8, 0xAE, 0x98);
        canvas.DrawRect(0, 0, Width, 680, paint);
        paint.Color = after ? new SKColor(0xC9, 0xCD, 0xD2) : new SKColor(0x7D, 0x76, 0x6A);
        canvas.DrawRect(0, 680, Width, Height - 680, paint);
        if (!after)
        {
            // Damp stains on the wall.
            for (var i = 0; i < 14; i++)
            {
                paint.Color = new SKColor(0x8E, 0x84, 0x6E, (byte)random.Next(40, 110));
                canvas.DrawOval(random.Next(60, 1140), random.Next(80, 640), random.Next(20, 70), random.Next(15, 50), paint);
            }
        }

        if (after) DrawTanklessUnit(canvas, paint);
        else DrawOldTank(canvas, paint, random);
    }

    private static void DrawOldTank(SKCanvas canvas, SKPaint paint, Random random)
    {
        paint.Color = new SKColor(0x6E, 0x6E, 0x6A);
        canvas.DrawRect(500, 0, 34, 260, paint);
        canvas.DrawRect(666, 0, 34, 260, paint);
        paint.Color = new SKColor(0x5A, 0x4A, 0x3A);
        canvas.DrawRect(490, 120, 54, 22, paint);
        canvas.DrawRect(656, 120, 54, 22, paint);

        using (var shader = SKShader.CreateLinearGradient(new SKPoint(420, 0), new SKPoint(780, 0),
                   [new SKColor(0x6B, 0x5B, 0x4B), new SKColor(0x9A, 0x8A, 0x76), new SKColor(0x5E, 0x4E, 0x40)], SKShaderTileMode.Clamp))
        {
            paint.Shader = shader;
            canvas.DrawRoundRect(new SKRect(420, 240, 780, 760), 60, 60, paint);
            paint.Shader = null;
        }
        for (var i = 0; i < 40; i++)
        {
            paint.Color = new SKColor(0x8B, 0x45, 0x13, (byte)random.Next(90, 200));
            canvas.DrawCircle(random.Next(435, 765), random.Next(270, 740), random.Next(4, 22), paint);
        }
        // A puddle under the leaking tank, and its base plate.
        paint.Color = new SKColor(0x4F, 0x6D, 0x7A, 150);
        canvas.DrawOval(640, 800, 260, 45, paint);
        paint.Color = new SKColor(0x4A, 0x42, 0x38);
        canvas.DrawRect(400, 750, 400, 30, paint);
    }

    private static void DrawTanklessUnit(SKCanvas canvas, SKPaint paint)
    {
        // Vent above, copper lines below with green shut-off handles.
        paint.Color = new SKColor(0x9E, 0xA4, 0xAA);
        canvas.DrawRect(570, 0, 60, 220, paint);
        paint.Color = new SKColor(0xC8, 0x7A, 0x3C);
        foreach (var x in new[] { 500f, 583f, 666f }) canvas.DrawRect(x, 560, 34, 120, paint);
        paint.Color = new SKColor(0x2E, 0x7D, 0x32);
        foreach (var x in new[] { 490f, 573f, 656f }) canvas.DrawRect(x, 610, 54, 20, paint);

        using (var shader = SKShader.CreateLinearGradient(new SKPoint(440, 0), new SKPoint(760, 0),
                   [new SKColor(0xD5, 0xD8, 0xDC), new SKColor(0xFF, 0xFF, 0xFF), new SKColor(0xB9, 0xBE, 0xC4)], SKShaderTileMode.Clamp))
        {
            paint.Shader = shader;
            canvas.DrawRoundRect(new SKRect(440, 200, 760, 570), 24, 24, paint);
            paint.Shader = null;
        }
        // Control panel with its display.
        paint.Color = new SKColor(0x26, 0x32, 0x38);
        canvas.DrawRoundRect(new SKRect(540, 290, 660, 350), 8, 8, paint);
        paint.Color = new SKColor(0x66, 0xBB, 0x6A);
        canvas.DrawRect(556, 306, 60, 28, paint);
        paint.Color = new SKColor(0x15, 0x65, 0xC0);
        canvas.DrawCircle(638, 320, 8, paint);
    }
}
