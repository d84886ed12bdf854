package lotse

import (
	"strings"
	"testing"
)

// TestProfessionHelpTruthful checks that the profession question says in
// every language what happens to the answer: the web form drops it from the
// plan's link (web.lotseSubmit), so no adviser ever sees it there.
func TestProfessionHelpTruthful(t *testing.T) {
	tests := []struct{ lang, link string }{
		{"de", "Link"}, {"de-x-simple", "Link"}, {"en", "link"}, {"uk", "посилання"},
		{"ru", "ссылку"}, {"pl", "linku"}, {"bg", "линка"}, {"ro", "linkul"},
		{"tr", "bağlantı"}, {"ar", "رابط"}, {"fa", "لینک"}, {"zh-Hans", "链接"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var help string
			for _, q := range Questions(tt.lang) {
				if q.ID == "profession" {
					help = q.Help
				}
			}
			if !strings.Contains(help, tt.link) {
				t.Errorf("profession help %q does not say it stays out of the plan's link (%q)", help, tt.link)
			}
		})
	}
}
