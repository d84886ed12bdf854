package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

var (
	bundle     *goi18n.Bundle
	translator sync.Map // code → *T
)

func init() {
	bundle = goi18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(locales, "locales/*.json")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(locales, f); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", f, err))
		}
	}
}

// T translates UI strings into one language. Templates receive it as data
// (never as a function bound to a shared template) and call {{.T.Get "key"}}.
type T struct {
	Lang Language
	loc  *goi18n.Localizer
	// cache holds messages without arguments, which are most of a page.
	cache sync.Map
}

// For returns the translator for a language code; unknown codes get German.
func For(code string) *T {
	if t, ok := translator.Load(code); ok {
		return t.(*T)
	}
	l, ok := Lookup(code)
	if !ok {
		l = MustLookup(Source)
	}
	chain := []string{l.Code, Source}
	if l.Code == Simple {
		chain = []string{Simple, Source}
	}
	t := &T{Lang: l, loc: goi18n.NewLocalizer(bundle, chain...)}
	actual, _ := translator.LoadOrStore(code, t)
	return actual.(*T)
}

// Get returns the string for key. Optional arguments come in name/value pairs and
// fill {{.Name}} placeholders. A missing key returns the key itself, which the
// locale tests prevent from reaching users.
func (t *T) Get(key string, args ...any) string {
	if len(args) == 0 {
		if s, ok := t.cache.Load(key); ok {
			return s.(string)
		}
	}
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			data[k] = args[i+1]
		}
	}
	s, err := t.loc.Localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		return key
	}
	if len(args) == 0 {
		t.cache.Store(key, s)
	}
	return s
}

// Plural returns the plural form of key for count, by the language's CLDR rules;
// {{.Count}} in the message is replaced by count.
func (t *T) Plural(key string, count int) string {
	s, err := t.loc.Localize(&goi18n.LocalizeConfig{
		MessageID:    key,
		PluralCount:  count,
		TemplateData: map[string]any{"Count": count},
	})
	if err != nil {
		return key
	}
	return s
}
