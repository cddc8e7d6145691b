namespace Lodestar.Knowledge.Analysis;

/// <summary>
/// Martin Porter's 1980 stemmer in the form of his reference implementation (the one Lucene's
/// PorterStemFilter ports): includes the reference "bli→ble" and "logi→log" departures from the paper,
/// and leaves words of one or two letters alone. Works in place on lowercase text.
/// </summary>
internal ref struct PorterStemmer
{
    private readonly Span<char> _b;
    private int _k;
    private int _j;

    private PorterStemmer(Span<char> word)
    {
        _b = word;
        _k = word.Length - 1;
    }

    /// <summary>Stems <paramref name="word"/> in place and returns the stem's length.</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }

        var s = new PorterStemmer(word);
        s.Step1Ab();
        s.Step1C();
        s.Step2();
        s.Step3();
        s.Step4();
        s.Step5();
        return s._k + 1;
    }

    private readonly bool IsConsonant(int i) => _b[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(i - 1),
        _ => true,
    };

    /// <summary>Number of vowel-consonant sequences in b[0..j].</summary>
    private readonly int Measure()
    {
        var n = 0;
        var i = 0;
        while (true)
        {
            if (i > _j)
            {
                return n;
            }

            if (!IsConsonant(i))
            {
                break;
            }

            i++;
        }

        i++;
        while (true)
        {
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
            n++;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
        }
    }

    private readonly bool VowelInStem()
    {
        for (var i = 0; i <= _j; i++)
        {
            if (!IsConsonant(i))
            {
                return true;
            }
        }

        return false;
    }

    private readonly bool DoubleConsonant(int j) => j >= 1 && _b[j] == _b[j - 1] && IsConsonant(j);

    /// <summary>consonant-vowel-consonant ending at i, where the last consonant is not w, x or y.</summary>
    private readonly bool Cvc(int i)
    {
        if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2))
        {
            return false;
        }

        var ch = _b[i];
        return ch is not ('w' or 'x' or 'y');
    }

    private bool Ends(string s)
    {
        var start = _k - s.Length + 1;
        if (start < 0 || !_b.Slice(start, s.Length).SequenceEqual(s))
        {
            return false;
        }

        _j = _k - s.Length;
        return true;
    }

    private void SetTo(string s)
    {
        s.AsSpan().CopyTo(_b[(_j + 1)..]);
        _k = _j + s.Length;
    }

    private void ReplaceIfMeasured(string s)
    {
        if (Measure() > 0)
        {
            SetTo(s);
        }
    }

    /// <summary>Plurals and -ed / -ing.</summary>
    private void Step1Ab()
    {
        if (_b[_k] == 's')
        {
            if (Ends("sses"))
            {
                _k -= 2;
            }
            else if (Ends("ies"))
            {
                SetTo("i");
            }
            else if (_b[_k - 1] != 's')
            {
                _k--;
            }
        }

        if (Ends("eed"))
        {
            if (Measure() > 0)
            {
                _k--;
            }
        }
        else if ((Ends("ed") || Ends("ing")) && VowelInStem())
        {
            _k = _j;
            if (Ends("at"))
            {
                SetTo("ate");
            }
            else if (Ends("bl"))
            {
                SetTo("ble");
            }
            else if (Ends("iz"))
            {
                SetTo("ize");
            }
            else if (DoubleConsonant(_k))
            {
                if (_b[_k] is not ('l' or 's' or 'z'))
                {
                    _k--;
                }
            }
            else
            {
                _j = _k;
                if (Measure() == 1 && Cvc(_k))
                {
                    SetTo("e");
                }
            }
        }
    }

    /// <summary>Terminal y → i when there is another vowel in the stem.</summary>
    private void Step1C()
    {
        if (Ends("y") && VowelInStem())
        {
            _b[_k] = 'i';
        }
    }

    /// <summary>Double suffixes to single ones (-ization → -ize ...), when m() &gt; 0.</summary>
    private void Step2()
    {
        if (_k == 0)
        {
            return;
        }

        foreach (var (suffix, replacement) in Step2Rules(_b[_k - 1]))
        {
            if (Ends(suffix))
            {
                ReplaceIfMeasured(replacement);
                return;
            }
        }
    }

    /// <summary>-ic-, -full, -ness etc.</summary>
    private void Step3()
    {
        foreach (var (suffix, replacement) in Step3Rules(_b[_k]))
        {
            if (Ends(suffix))
            {
                ReplaceIfMeasured(replacement);
                return;
            }
        }
    }

    /// <summary>Drops -ant, -ence etc. in context &lt;c&gt;vcvc&lt;v&gt;.</summary>
    private void Step4()
    {
        if (_k == 0)
        {
            return;
        }

        var matched = false;
        foreach (var suffix in Step4Rules(_b[_k - 1]))
        {
            if (Ends(suffix))
            {
                // -ion only goes after s or t.
                matched = suffix != "ion" || (_j >= 0 && _b[_j] is 's' or 't');
                break;
            }
        }

        if (matched && Measure() > 1)
        {
            _k = _j;
        }
    }

    /// <summary>Removes a final -e if m() &gt; 1, and changes -ll to -l if m() &gt; 1.</summary>
    private void Step5()
    {
        _j = _k;
        if (_b[_k] == 'e')
        {
            var a = Measure();
            if (a > 1 || (a == 1 && !Cvc(_k - 1)))
            {
                _k--;
            }
        }

        if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
        {
            _k--;
        }
    }

    private static (string Suffix, string Replacement)[] Step2Rules(char penultimate) => penultimate switch
    {
        'a' => Step2A,
        'c' => Step2C,
        'e' => Step2E,
        'l' => Step2L,
        'o' => Step2O,
        's' => Step2S,
        't' => Step2T,
        'g' => Step2G,
        _ => [],
    };

    private static (string Suffix, string Replacement)[] Step3Rules(char last) => last switch
    {
        'e' => Step3E,
        'i' => Step3I,
        'l' => Step3L,
        's' => Step3S,
        _ => [],
    };

    private static string[] Step4Rules(char penultimate) => penultimate switch
    {
        'a' => Step4A,
        'c' => Step4C,
        'e' => Step4E,
        'i' => Step4I,
        'l' => Step4L,
        'n' => Step4N,
        'o' => Step4O,
        's' => Step4S,
        't' => Step4T,
        'u' => Step4U,
        'v' => Step4V,
        'z' => Step4Z,
        _ => [],
    };

    private static readonly (string, string)[] Step2A = [("ational", "ate"), ("tional", "tion")];
    private static readonly (string, string)[] Step2C = [("enci", "ence"), ("anci", "ance")];
    private static readonly (string, string)[] Step2E = [("izer", "ize")];
    private static readonly (string, string)[] Step2L = [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")];
    private static readonly (string, string)[] Step2O = [("ization", "ize"), ("ation", "ate"), ("ator", "ate")];
    private static readonly (string, string)[] Step2S = [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")];
    private static readonly (string, string)[] Step2T = [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")];
    private static readonly (string, string)[] Step2G = [("logi", "log")];
    private static readonly (string, string)[] Step3E = [("icate", "ic"), ("ative", ""), ("alize", "al")];
    private static readonly (string, string)[] Step3I = [("iciti", "ic")];
    private static readonly (string, string)[] Step3L = [("ical", "ic"), ("ful", "")];
    private static readonly (string, string)[] Step3S = [("ness", "")];
    private static readonly string[] Step4A = ["al"];
    private static readonly string[] Step4C = ["ance", "ence"];
    private static readonly string[] Step4E = ["er"];
    private static readonly string[] Step4I = ["ic"];
    private static readonly string[] Step4L = ["able", "ible"];
    private static readonly string[] Step4N = ["ant", "ement", "ment", "ent"];
    private static readonly string[] Step4O = ["ion", "ou"];
    private static readonly string[] Step4S = ["ism"];
    private static readonly string[] Step4T = ["ate", "iti"];
    private static readonly string[] Step4U = ["ous"];
    private static readonly string[] Step4V = ["ive"];
    private static readonly string[] Step4Z = ["ize"];
}
