package content

// match says where a current German paragraph came from: the index of the
// paragraph of the older revision it continues (-1 for a new one), and
// whether it is unchanged.
type match struct {
	from int
	same bool
}

// alignParagraphs matches the paragraphs of the current German text cur to
// those of an older revision old. Equal paragraphs are matched along a
// longest common subsequence; between two such anchors, the paragraphs that
// differ are paired in order as changed ones, and any left over in cur are
// new.
func alignParagraphs(old, cur []string) []match {
	n, m := len(old), len(cur)
	// lcs[i][j] is the length of the longest common subsequence of old[i:]
	// and cur[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if old[i] == cur[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := make([]match, m)
	var gapOld, gapCur []int
	flush := func() {
		for k, j := range gapCur {
			out[j] = match{from: -1}
			if k < len(gapOld) {
				out[j].from = gapOld[k]
			}
		}
		gapOld, gapCur = gapOld[:0], gapCur[:0]
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && old[i] == cur[j]:
			flush()
			out[j] = match{from: i, same: true}
			i, j = i+1, j+1
		case j >= m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			gapOld = append(gapOld, i)
			i++
		default:
			gapCur = append(gapCur, j)
			j++
		}
	}
	flush()
	return out
}
