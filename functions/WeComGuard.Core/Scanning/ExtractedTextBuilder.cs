using System.Globalization;
using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Builds the text of one file within the memory budget: each character appended is held (<see cref="ArchiveBudget.BytesPerTextCharacter"/>);
/// once the budget is spent, appends stop and <see cref="Truncated"/> says why, so the caller reports the file as partial.
/// Dispose releases what was held (call <see cref="Build"/> first).
/// </summary>
internal sealed class ExtractedTextBuilder(ArchiveBudget budget) : IDisposable
{
    private const int HoldStep = 64 * 1024;
    private readonly StringBuilder _text = new();
    private readonly List<TextAnchor> _anchors = [];
    private long _heldCharacters;

    public int Length => _text.Length;

    /// <summary>Why text was left out (null while everything fits).</summary>
    public string? Truncated { get; private set; }

    public bool IsFull => Truncated is not null;

    public void Anchor(string label)
    {
        if (!IsFull)
        {
            _anchors.Add(new TextAnchor(_text.Length, label));
        }
    }

    public ExtractedTextBuilder Append(string? value) => Append(value.AsSpan());

    public ExtractedTextBuilder Append(char value) => Append([value]);

    public ExtractedTextBuilder Append(ReadOnlySpan<char> value)
    {
        if (IsFull || value.IsEmpty)
        {
            return this;
        }

        var needed = _text.Length + value.Length;
        while (needed > _heldCharacters)
        {
            var step = Math.Max(HoldStep, needed - _heldCharacters);
            if (step * ArchiveBudget.BytesPerTextCharacter > budget.Available || _heldCharacters + step > int.MaxValue / 2)
            {
                var room = (int)Math.Clamp(Math.Min(budget.Available / ArchiveBudget.BytesPerTextCharacter, int.MaxValue / 2 - _heldCharacters), 0, value.Length);
                budget.Hold(room * (long)ArchiveBudget.BytesPerTextCharacter, "extracted text");
                _heldCharacters += room;
                _text.Append(value[..Math.Min(value.Length, (int)(_heldCharacters - _text.Length))]);
                Truncated = string.Create(CultureInfo.InvariantCulture,
                    $"text past {_text.Length} characters was not scanned (the {budget.Options.MaxMemoryBytes}-byte memory budget)");
                return this;
            }

            budget.Hold(step * ArchiveBudget.BytesPerTextCharacter, "extracted text");
            _heldCharacters += step;
        }

        _text.Append(value);
        return this;
    }

    public ExtractedText Build() => new(_text.ToString(), _anchors);

    public void Dispose()
    {
        budget.Release(_heldCharacters * ArchiveBudget.BytesPerTextCharacter);
        _heldCharacters = 0;
    }
}
