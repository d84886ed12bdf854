package staff

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password, email string
		want            string // message key, "" for accepted
	}{
		{"correct horse battery", "ed@example.org", ""},
		{"Regen über Kreuzau 7", "anna.schmidt@kreis-dueren.de", ""},
		{"t9#Lq2vX!mR4", "a@b.de", ""},
		{NewPassword(), "admin@localhost", ""},
		{"kurz", "a@b.de", "staff.error.password_short"},
		{"äöüäöüäöüäö", "a@b.de", "staff.error.password_short"}, // 11 runes, 22 bytes
		{"aaaaaaaaaaaa", "a@b.de", "staff.error.password_repeated"},
		{"AAAAAAAAAAAAAAAAAAAA", "a@b.de", "staff.error.password_repeated"},
		{"abcabcabcabc", "a@b.de", "staff.error.password_repeated"},
		{"x7!Qx7!Qx7!Q", "a@b.de", "staff.error.password_repeated"},
		{"abcdefghijkl", "a@b.de", "staff.error.password_sequence"},
		{"LKJIHGFEDCBA", "a@b.de", "staff.error.password_sequence"},
		{"567890123456", "a@b.de", "staff.error.password_sequence"},
		{"210987654321", "a@b.de", "staff.error.password_sequence"},
		{"qwertzuiopü", "a@b.de", "staff.error.password_short"},
		{"qwertzuiopasdf", "a@b.de", "staff.error.password_sequence"},
		{"ÄÖLKJHGFDSA", "a@b.de", "staff.error.password_short"},
		{"lkjhgfdsapoiuz", "a@b.de", "staff.error.password_sequence"},
		{"anna.schmidt!2026", "anna.schmidt@kreis-dueren.de", "staff.error.password_email"},
		{"Mein Name ist Schmidt", "anna.schmidt@kreis-dueren.de", "staff.error.password_email"},
		{"bob-und-alice-2026", "bob@example.org", "staff.error.password_email"},
		{"Passwort2024!", "a@b.de", "staff.error.password_common"},
		{"password123456", "a@b.de", "staff.error.password_common"},
		{"P@ssw0rt12345", "a@b.de", "staff.error.password_common"},
		{"123456789012345", "a@b.de", "staff.error.password_sequence"},
		{"Willkommen123", "a@b.de", "staff.error.password_common"},
		{"Kreis-Dueren-1", "a@b.de", "staff.error.password_common"},
		{"KreisDüren2025", "a@b.de", "staff.error.password_common"},
		{"dueren2024!!", "a@b.de", "staff.error.password_common"},
		{"2024Qwertz2024", "a@b.de", "staff.error.password_common"},
		{"welcomewelcome", "a@b.de", "staff.error.password_common"},
		{"Jobcenter#1234", "a@b.de", "staff.error.password_common"},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.password, tt.email)
		if tt.want == "" {
			if err != nil {
				t.Errorf("CheckPassword(%q, %q) = %v, want accepted", tt.password, tt.email, err)
			}
			continue
		}
		if errs.KindOf(err) != errs.Invalid || errs.MsgKeyOf(err) != tt.want {
			t.Errorf("CheckPassword(%q, %q) = %v, want %s", tt.password, tt.email, err, tt.want)
		}
	}
	if len(common) < 200 {
		t.Errorf("the common list has %d entries, want a few hundred", len(common))
	}
}

// TestPasswordPolicyInStore checks that every way to set a password applies
// the policy: creating an account and changing a password.
func TestPasswordPolicyInStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		if _, _, err := s.Create(ctx, CLI, NewUser{Email: "chef@example.org", Role: Admin, Password: "aaaaaaaaaaaa"}); errs.MsgKeyOf(err) != "staff.error.password_repeated" {
			t.Errorf("create with aaaaaaaaaaaa: %v", err)
		}
		u, _, err := s.Create(ctx, CLI, NewUser{Email: "chef@example.org", Role: Admin, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, u.Actor(), u.ID, "Chef-2026-chef"); errs.MsgKeyOf(err) != "staff.error.password_email" {
			t.Errorf("set a password with the e-mail's name: %v", err)
		}
		if err := s.SetPassword(ctx, u.Actor(), u.ID, "Willkommen2026"); errs.MsgKeyOf(err) != "staff.error.password_common" {
			t.Errorf("set a common password: %v", err)
		}
		if err := s.SetPassword(ctx, u.Actor(), u.ID, "Regen über Kreuzau 7"); err != nil {
			t.Errorf("set a good password: %v", err)
		}
	})
}
