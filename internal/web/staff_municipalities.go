package web

import (
	"errors"
	"net/http"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/staff"
)

// municipalityEditPage is the edit form of a municipality, filled with what was
// saved or typed.
type municipalityEditPage struct {
	content.Municipality
	Version  string
	Problems content.FieldErrors
	Changes  []fieldChange // someone else's values, after a conflict
	Message  string
	Saved    bool
}

func (s *Server) staffMunicipalities(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	munis, err := s.content.Municipalities(r.Context())
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_municipalities", u, "staff.municipalities.title", munis)
}

func (s *Server) staffMunicipality(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	m, err := s.content.Municipality(r.Context(), r.PathValue("municipality"))
	if err != nil {
		return err
	}
	page := municipalityEditPage{Municipality: *m, Version: content.MunicipalityVersion(*m), Saved: r.URL.Query().Has("saved")}
	return renderStaff(s, w, r, http.StatusOK, "staff_municipality", u, "staff.municipalities.edit", page)
}

// staffSaveMunicipality stores the form over the municipality, or shows it
// again with the problems marked or with the values someone else saved.
func (s *Server) staffSaveMunicipality(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	cur, err := s.content.Municipality(ctx, r.PathValue("municipality"))
	if err != nil {
		return err
	}
	mine := *cur
	mine.Name, mine.JobcenterSite = r.PostFormValue("name"), r.PostFormValue("jobcenter_site")
	mine.Buergerbuero.Name, mine.Buergerbuero.Address = r.PostFormValue("buergerbuero.name"), r.PostFormValue("buergerbuero.address")
	mine.Sozialamt.Name, mine.Sozialamt.Address = r.PostFormValue("sozialamt.name"), r.PostFormValue("sozialamt.address")
	page := municipalityEditPage{Municipality: mine, Version: r.PostFormValue("version")}
	err = s.content.UpdateMunicipality(ctx, mine, page.Version)
	if err == nil {
		http.Redirect(w, r, "/staff/municipalities/"+mine.Slug+"?saved=1", http.StatusSeeOther)
		return nil
	}
	var stale *content.Stale[content.Municipality]
	switch {
	case errors.As(err, &page.Problems):
	case errors.As(err, &stale):
		page.Version, page.Changes = content.MunicipalityVersion(stale.Current), municipalityChanges(stale.Current, mine)
	default:
		return err
	}
	page.Message = errs.MsgKeyOf(err)
	return renderStaff(s, w, r, errs.Status(errs.KindOf(err)), "staff_municipality", u, "staff.municipalities.edit", page)
}

// municipalityChanges lists the fields in which theirs differs from mine.
func municipalityChanges(theirs, mine content.Municipality) []fieldChange {
	return changesOf([]fieldPair{
		{"staff.municipalities.name", "", theirs.Name, mine.Name},
		{"staff.municipalities.buergerbuero_name", "", theirs.Buergerbuero.Name, mine.Buergerbuero.Name},
		{"staff.municipalities.buergerbuero_address", "", theirs.Buergerbuero.Address, mine.Buergerbuero.Address},
		{"staff.municipalities.sozialamt_name", "", theirs.Sozialamt.Name, mine.Sozialamt.Name},
		{"staff.municipalities.sozialamt_address", "", theirs.Sozialamt.Address, mine.Sozialamt.Address},
		{"staff.municipalities.jobcenter_site", "", theirs.JobcenterSite, mine.JobcenterSite},
	})
}
