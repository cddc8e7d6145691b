using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Models.Encoders;

/// <summary>
/// SentencePiece unigram tokenizer that reproduces the TF.js Universal Sentence Encoder tokenizer
/// bit for bit: NFKC, "▁" prefix and space replacement, Viterbi over a piece trie, unknown code
/// points as id 0 with runs of unknowns collapsed. No lowercasing, no truncation.
/// </summary>
public sealed class SentencePieceTokenizer
{
    private const char Separator = '\u2581';

    // The first ids are control symbols (unk, s, /s, extras) that never match input text.
    private const int ReservedSymbolCount = 6;
    private const int UnknownId = 0;

    private readonly PieceTrie _trie;
    private readonly int[] _pieceUtf16Lengths;

    private SentencePieceTokenizer(PieceTrie trie, int[] pieceUtf16Lengths)
    {
        _trie = trie;
        _pieceUtf16Lengths = pieceUtf16Lengths;
    }

    /// <summary>Reads a vocab.json of <c>[["piece", score], ...]</c> pairs.</summary>
    public static SentencePieceTokenizer Load(string vocabJsonPath)
    {
        if (!File.Exists(vocabJsonPath))
        {
            throw LodestarException.Invalid($"SentencePiece vocabulary not found: {vocabJsonPath}");
        }

        try
        {
            using var stream = File.OpenRead(vocabJsonPath);
            using var document = JsonDocument.Parse(stream);
            return FromJson(document.RootElement, vocabJsonPath);
        }
        catch (JsonException ex)
        {
            throw LodestarException.Invalid($"SentencePiece vocabulary {vocabJsonPath} is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Token ids of <paramref name="text"/>, all of them (the encoder decides how many it reads).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var symbols = ToSymbols(Normalize(text));
        if (symbols.Length == 0)
        {
            return [];
        }

        var lattice = new ViterbiLattice(symbols.Length);
        for (var start = 0; start < symbols.Length; start++)
        {
            if (!_trie.AddMatches(symbols, start, lattice))
            {
                lattice.Add(start, start + 1, 0, UnknownId);
            }
        }

        return Backtrack(lattice.BestIds());
    }

    private static SentencePieceTokenizer FromJson(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() <= ReservedSymbolCount)
        {
            throw LodestarException.Invalid($"SentencePiece vocabulary {path} must be a JSON array of [piece, score] pairs.");
        }

        var lengths = new int[root.GetArrayLength()];
        var trie = new PieceTrie();
        var id = 0;
        foreach (var entry in root.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 2
                || entry[0].ValueKind != JsonValueKind.String || entry[1].ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                throw LodestarException.Invalid($"SentencePiece vocabulary {path}: entry {id} is not a [piece, score] pair.");
            }

            var piece = entry[0].GetString()!;
            lengths[id] = piece.Length;
            if (id >= ReservedSymbolCount)
            {
                // A null score adds as 0 in the reference's JavaScript arithmetic.
                var score = entry[1].ValueKind == JsonValueKind.Null ? 0 : entry[1].GetDouble();
                trie.Insert(ToSymbols(piece), score, id);
            }

            id++;
        }

        return new SentencePieceTokenizer(trie, lengths);
    }

    private static string Normalize(string text)
    {
        var normalized = Nfkc.Normalize(text);
        return normalized.Length == 0 ? normalized : Separator + normalized.Replace(' ', Separator);
    }

    // Code points as the reference's for..of sees them: surrogate pairs joined, lone surrogates kept.
    private static int[] ToSymbols(string text)
    {
        var symbols = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                symbols.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                symbols.Add(text[i]);
            }
        }

        return [.. symbols];
    }

    private int[] Backtrack(int[] bestIds)
    {
        // The reference steps back by the piece's UTF-16 length, not its code point count; that only
        // differs for pieces with astral characters, and matching it keeps ids identical.
        var reversed = new List<int>();
        for (var position = bestIds.Length - 1; position > 0; position -= _pieceUtf16Lengths[bestIds[position]])
        {
            reversed.Add(bestIds[position]);
        }

        var ids = new List<int>(reversed.Count);
        var previousUnknown = false;
        foreach (var id in reversed)
        {
            if (!(previousUnknown && id == UnknownId))
            {
                ids.Add(id);
            }

            previousUnknown = id == UnknownId;
        }

        ids.Reverse();
        return [.. ids];
    }
}
