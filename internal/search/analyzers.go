package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the token filters this package adds to bleve's registry.
const (
	turkishLowerName = "lotse_lower_tr"
	foldName         = "lotse_fold"
	slavicStemName   = "lotse_stem_slavic"
)

// Names of the analyzers this package defines in its index mapping.
const (
	analyzerTurkish   = "lotse_tr"
	analyzerUkrainian = "lotse_uk"
	analyzerBulgarian = "lotse_bg"
	analyzerFold      = "lotse_fold"
	stopUkrainian     = "lotse_stop_uk"
)

// ukrainianStopWords are function words that say nothing about a guide; bleve
// has no Ukrainian list.
var ukrainianStopWords = strings.Fields(`а але б би в у від до для з зі із і й та чи або на над
	під по про при що як це ці цей ця той те ті не ні же ж так також ще вже лише тільки
	ви вас вам ваш ваша ваше ваші ми нас нам наш він вона воно вони його її їх їм
	я мене мені ти тебе собі себе є був була було були буде будуть бути коли де тут там`)

// analyzers maps each content language to its stemming analyzer and to the
// analyzer of its folded fields (diacritics and umlauts spelled out, no stemming).
// Einfache Sprache is German; Chinese has no spaces and no diacritics, so both of
// its analyzers cut the text into character bigrams.
var analyzers = map[string]struct{ stem, fold string }{
	"de":          {de.AnalyzerName, analyzerFold},
	"de-x-simple": {de.AnalyzerName, analyzerFold},
	"en":          {en.AnalyzerName, analyzerFold},
	"tr":          {analyzerTurkish, analyzerFold},
	"uk":          {analyzerUkrainian, analyzerFold},
	"ro":          {ro.AnalyzerName, analyzerFold},
	"ar":          {ar.AnalyzerName, analyzerFold},
	"pl":          {pl.AnalyzerName, analyzerFold},
	"bg":          {analyzerBulgarian, analyzerFold},
	"fa":          {fa.AnalyzerName, analyzerFold},
	"ru":          {ru.AnalyzerName, analyzerFold},
	"zh-Hans":     {cjk.AnalyzerName, cjk.AnalyzerName},
}

// Languages lists the content languages the index knows, as sorted BCP 47 codes.
func Languages() []string {
	out := make([]string, 0, len(analyzers))
	for l := range analyzers {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

func init() {
	for name, f := range map[string]analysis.TokenFilter{
		turkishLowerName: turkishLower{},
		foldName:         fold{ascii: asciifolding.New()},
		slavicStemName:   slavicStem{},
	} {
		if err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		}); err != nil {
			panic(err) // names are unique to this package; a clash is a programming error
		}
	}
}

// addAnalyzers defines the package's custom analyzers in im.
func addAnalyzers(im *mapping.IndexMappingImpl) error {
	tokens := make([]any, len(ukrainianStopWords))
	for i, w := range ukrainianStopWords {
		tokens[i] = w
	}
	if err := im.AddCustomTokenMap(stopUkrainian, map[string]any{"type": tokenmap.Name, "tokens": tokens}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter(stopUkrainian, map[string]any{"type": stop.Name, "stop_token_map": stopUkrainian}); err != nil {
		return err
	}
	defs := map[string][]string{
		// Turkish: bleve's lowercase turns İ into i plus a combining dot, so
		// Turkish casing runs first; it keeps the byte offsets for highlighting.
		analyzerTurkish:   {apostrophe.Name, turkishLowerName, tr.StopName, tr.SnowballStemmerName},
		analyzerUkrainian: {lowercase.Name, stopUkrainian, slavicStemName},
		analyzerBulgarian: {lowercase.Name, bg.StopName, slavicStemName},
		// The folded fields lowercase the Turkish way too: for other languages it
		// differs only in I → ı, which folding turns back into i.
		analyzerFold: {turkishLowerName, foldName},
	}
	for name, filters := range defs {
		err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     unicodetok.Name,
			"token_filters": filters,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// turkishLower lowercases tokens with Turkish rules: I → ı, İ → i.
type turkishLower struct{}

func (turkishLower) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(strings.ToLowerSpecial(unicode.TurkishCase, string(t.Term)))
	}
	return in
}

// fold spells German umlauts out (ä → ae, ß → ss), drops other Latin
// diacritics, and unifies letters that readers type interchangeably: Russian ё
// and е, the Arabic and Persian forms of yeh and kaf, alef with hamza.
// Lowercasing is done before.
type fold struct {
	ascii *asciifolding.AsciiFoldingFilter
}

func (f fold) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = f.term(t.Term)
	}
	return in
}

func (f fold) term(b []byte) []byte {
	var sb strings.Builder
	ascii := true
	for _, r := range string(b) {
		if s, ok := foldRunes[r]; ok {
			sb.WriteString(s)
			continue
		}
		if unicode.Is(unicode.Mn, r) || r == 'ـ' { // combining marks, tashkeel, tatweel
			continue
		}
		if r >= utf8.RuneSelf {
			ascii = false
		}
		sb.WriteRune(r)
	}
	out := []byte(sb.String())
	if ascii {
		return out
	}
	return f.ascii.Filter(out)
}

// foldString folds s the way the folded fields are indexed, for matching the
// synonym list against what a reader typed.
func foldString(s string) string {
	return string(fold{ascii: asciifolding.New()}.term([]byte(strings.ToLowerSpecial(unicode.TurkishCase, s))))
}

var foldRunes = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss", 'ı': "i",
	'ё': "е", 'ґ': "г",
	'ي': "ی", 'ى': "ی", 'ك': "ک", 'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه",
}

// slavicStem strips common case and number endings from Ukrainian and Bulgarian
// words, which bleve has no stemmer for. It is deliberately light: it only cuts
// an ending when at least three letters remain, and fuzzy matching covers the
// vowel changes it misses (дозвіл, дозволу).
type slavicStem struct{}

// slavicEndings are tried longest first.
var slavicEndings = func() [][]rune {
	list := []string{
		// Ukrainian
		"ами", "ями", "ові", "еві", "ого", "ому", "ими", "іми", "ою", "ею", "ій", "ої", "ів", "их", "іх",
		"ах", "ях", "ам", "ям", "ом", "ем", "им", "ім", "ий",
		// Bulgarian (plural, definite article)
		"ите", "ове", "ето", "ата", "ята", "ът", "ят", "та", "то", "те", "ия", "ие",
		// shared vowels
		"а", "я", "о", "е", "и", "і", "ї", "у", "ю", "ь", "є",
	}
	out := make([][]rune, len(list))
	for i, s := range list {
		out[i] = []rune(s)
	}
	slices.SortStableFunc(out, func(a, b []rune) int { return len(b) - len(a) })
	return out
}()

func (slavicStem) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = slavicStemTerm(t.Term)
	}
	return in
}

func slavicStemTerm(b []byte) []byte {
	r := bytes.Runes(b)
	for _, end := range slavicEndings {
		if len(r)-len(end) >= 3 && string(r[len(r)-len(end):]) == string(end) {
			return []byte(string(r[:len(r)-len(end)]))
		}
	}
	return b
}
