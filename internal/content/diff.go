package content

// DiffOp says whether a line of a diff is in both texts, only the old or only
// the new one.
type DiffOp int

// The diff operations.
const (
	Same DiffOp = iota
	Removed
	Added
)

// DiffLine is one line of a line diff.
type DiffLine struct {
	Op   DiffOp
	Text string
}

// maxDiffCells bounds the work of one diff (lines of a × lines of b); guides
// have a few hundred lines, so this is never reached by a real text.
const maxDiffCells = 4_000_000

// Diff returns a line diff from a to b: the longest common subsequence of
// lines kept, the rest removed from a or added from b. Two texts too large to
// compare are shown as all removed, all added.
func Diff(a, b string) []DiffLine {
	x, y := lines(a), lines(b)
	// Common prefix and suffix cost nothing.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var out []DiffLine
	for _, l := range x[:pre] {
		out = append(out, DiffLine{Same, l})
	}
	out = append(out, lcsDiff(x[pre:len(x)-suf], y[pre:len(y)-suf])...)
	for _, l := range x[len(x)-suf:] {
		out = append(out, DiffLine{Same, l})
	}
	return out
}

func lcsDiff(x, y []string) []DiffLine {
	var out []DiffLine
	if len(x)*len(y) > maxDiffCells {
		for _, l := range x {
			out = append(out, DiffLine{Removed, l})
		}
		for _, l := range y {
			out = append(out, DiffLine{Added, l})
		}
		return out
	}
	// l[i][j] is the LCS length of x[i:] and y[j:].
	w := len(y) + 1
	l := make([]int32, (len(x)+1)*w)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			} else {
				l[i*w+j] = max(l[(i+1)*w+j], l[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			out = append(out, DiffLine{Same, x[i]})
			i++
			j++
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			out = append(out, DiffLine{Removed, x[i]})
			i++
		default:
			out = append(out, DiffLine{Added, y[j]})
			j++
		}
	}
	for ; i < len(x); i++ {
		out = append(out, DiffLine{Removed, x[i]})
	}
	for ; j < len(y); j++ {
		out = append(out, DiffLine{Added, y[j]})
	}
	return out
}
