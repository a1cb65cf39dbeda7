using System.Buffers.Binary;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>
/// Shrinks a TrueType font to the glyphs a document uses. Skia's PDF backend (as built for SkiaSharp) embeds the whole
/// font file, which made every PDF about 750 KB. Glyph ids stay the same (unused glyphs are left empty rather than
/// removed), so cmap, hmtx and text extraction keep working; the tables a PDF viewer does not use (layout and glyph
/// names) are dropped.
/// </summary>
internal static class TrueTypeSubset
{
    private static readonly HashSet<string> Dropped = ["GPOS", "GSUB", "GDEF", "kern", "MATH", "FFTM", "DSIG", "BASE", "JSTF", "LTSH", "VDMX", "hdmx"];

    public static byte[] Create(byte[] font, IEnumerable<ushort> glyphIds)
    {
        var tables = ReadTables(font);
        var head = tables["head"].ToArray();
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(tables["maxp"].Span[4..]);
        var loca = tables["loca"];
        var glyf = tables["glyf"].Span;

        int Offset(int glyph) => longLoca
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.Span[(glyph * 4)..])
            : BinaryPrimitives.ReadUInt16BigEndian(loca.Span[(glyph * 2)..]) * 2;

        // Glyph 0 (.notdef) always stays; composite glyphs bring the glyphs they are built from.
        var keep = new HashSet<int>();
        var pending = new Stack<int>(glyphIds.Select(g => (int)g).Append(0).Where(g => g < numGlyphs));
        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (!keep.Add(glyph)) continue;
            foreach (var component in Components(glyf[Offset(glyph)..Offset(glyph + 1)]))
                if (component < numGlyphs) pending.Push(component);
        }

        var newGlyf = new MemoryStream();
        var newLoca = new byte[(numGlyphs + 1) * 4];
        for (var glyph = 0; glyph < numGlyphs; glyph++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyph * 4), (uint)newGlyf.Length);
            if (!keep.Contains(glyph)) continue;
            newGlyf.Write(glyf[Offset(glyph)..Offset(glyph + 1)]);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(numGlyphs * 4), (uint)newGlyf.Length);

        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        // Format 3 keeps the post table's metrics and drops its 60 KB of glyph names.
        var post = tables["post"].Span[..32].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, data) in tables)
            if (!Dropped.Contains(tag) && tag is not ("glyf" or "loca" or "head" or "post")) output[tag] = data.ToArray();
        output["glyf"] = newGlyf.ToArray();
        output["loca"] = newLoca;
        output["head"] = head;
        output["post"] = post;
        return Write(output);
    }

    /// <summary>The glyph ids a composite glyph is built from (none for a simple glyph).</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var components = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return components;
        var at = 10;
        while (at + 4 <= glyph.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            components.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) at += 2;
            else if ((flags & 0x0040) != 0) at += 4;
            else if ((flags & 0x0080) != 0) at += 8;
            if ((flags & 0x0020) == 0) break;
        }
        return components;
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> ReadTables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + i * 16, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables[tag] = font.AsMemory(offset, length);
        }
        return tables;
    }

    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + count * 16;
        var total = headerLength + tables.Values.Sum(t => Padded(t.Length));
        var file = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)(count * 16 - searchRange));

        var offset = headerLength;
        var headOffset = 0;
        var index = 0;
        foreach (var (tag, data) in tables)
        {
            var record = file.AsSpan(12 + index++ * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(file, offset);
            if (tag == "head") headOffset = offset;
            offset += Padded(data.Length);
        }
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headOffset + 8), 0xB1B0AFBA - Checksum(file));
        return file;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            data[i..].CopyTo(last);
            sum += BinaryPrimitives.ReadUInt32BigEndian(last);
        }
        return sum;
    }
}
