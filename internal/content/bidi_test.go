package content

import "testing"

// TestIsolateLTR: legal references, addresses and phone numbers in Arabic
// text are isolated; markup, entities and code stay as they are.
func TestIsolateLTR(t *testing.T) {
	for in, want := range map[string]string{
		"<p>كيندرغلد (§§ 62، 63 EStG) للأطفال</p>":             `<p>كيندرغلد <bdi dir="ltr">(§§ 62، 63 EStG)</bdi> للأطفال</p>`,
		"<p>وفق § 24، يستمر</p>":                               `<p>وفق <bdi dir="ltr">§ 24</bdi>، يستمر</p>`,
		"<td>هاتف +49 2421 22-0 أو</td>":                       `<td>هاتف <bdi dir="ltr">+49 2421 22-0</bdi> أو</td>`,
		`<a href="/places/x">Kreishaus, Bismarckstraße 16</a>`: `<a href="/places/x"><bdi dir="ltr">Kreishaus, Bismarckstraße 16</bdi></a>`,
		"<p>دورن) &amp; <code>a 1</code></p>":                  `<p>دورن) &amp; <code>a 1</code></p>`,
		"<p>عنوان: Markt 2)</p>":                               `<p>عنوان: <bdi dir="ltr">Markt 2</bdi>)</p>`,
		"<p>في الـ One-Stop-Shop تقدّم</p>":                    "<p>في الـ <bdi dir=\"ltr\">One\u2011Stop\u2011Shop</bdi> تقدّم</p>",
		"<p>البريد welcome-center@kreis-dueren.de هنا</p>":     `<p>البريد <bdi dir="ltr">welcome-center@kreis-dueren.de</bdi> هنا</p>`,
		"<p>مركز (KI / KIM) في</p>":                            `<p>مركز <bdi dir="ltr">(KI / KIM)</bdi> في</p>`,
	} {
		if got := IsolateLTR(in); got != want {
			t.Errorf("IsolateLTR(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
