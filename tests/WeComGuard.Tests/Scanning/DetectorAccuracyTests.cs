using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

public sealed class DetectorAccuracyTests
{
    private static readonly List<LabelledSample> Corpus = LabelledCorpus.Generate(seed: 20261129, count: 6000);

    public static TheoryData<string, double, double> Targets => new()
    {
        { DetectorIds.ResidentId, 0.99, 0.98 },
        { DetectorIds.BankCard, 0.99, 0.98 },
        { DetectorIds.Uscc, 0.99, 0.98 },
        { DetectorIds.Mobile, 0.99, 0.98 },
        { DetectorIds.Email, 0.99, 0.98 },
        { DetectorIds.Credential, 0.99, 0.98 },
        { DetectorIds.Passport, 0.99, 0.98 },
        { DetectorIds.HkMacauPermit, 0.99, 0.98 },
        { DetectorIds.PasswordField, 0.99, 0.98 },
        { DetectorIds.ClassificationMark, 0.99, 0.98 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Detector_meets_its_precision_and_recall_on_the_labelled_corpus(string detector, double minPrecision, double minRecall)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var matches = new List<SensitiveMatch>();
        foreach (var sample in Corpus)
        {
            matches.Clear();
            SensitiveTextScanner.Scan(sample.Text, matches);
            var found = matches
                .Where(m => m.DetectorId == detector)
                .Select(m => MatchValues.Canonical(detector, sample.Text.AsSpan(m.Start, m.Length)))
                .ToList();
            var expected = sample.Expected.Where(e => e.Detector == detector).Select(e => e.Canonical).ToList();
            foreach (var value in found)
            {
                if (expected.Remove(value))
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }
            }

            falseNegatives += expected.Count;
        }

        Assert.True(truePositives > 100, $"{detector}: only {truePositives} labelled instances");
        var precision = (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        Assert.True(precision >= minPrecision, $"{detector}: precision {precision:F4} (tp {truePositives}, fp {falsePositives})");
        Assert.True(recall >= minRecall, $"{detector}: recall {recall:F4} (tp {truePositives}, fn {falseNegatives})");
    }
}
