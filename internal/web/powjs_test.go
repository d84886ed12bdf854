package web

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"lotse/internal/pow"
)

// TestPowJS runs the solver of static/pow.js in node against challenges of
// the Go verifier, which must accept its answers; with proof-of-work off the
// trivial challenge is solved too. It skips without node.
func TestPowJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := filepath.Abs("static/pow.js")
	if err != nil {
		t.Fatal(err)
	}
	const driver = `const {solve} = require(process.argv[1]);
solve(JSON.parse(process.argv[2])).then(a => console.log(JSON.stringify(a)), e => { console.error(e); process.exit(1); });`
	for _, max := range []int{0, 1, 5000} {
		v := pow.New(pow.Options{Max: max})
		c, _ := json.Marshal(v.Challenge())
		out, err := exec.Command(node, "-e", driver, script, string(c)).Output()
		if err != nil {
			t.Fatalf("max %d: node: %v", max, err)
		}
		var answer string
		if err := json.Unmarshal(out, &answer); err != nil || answer == "" {
			t.Fatalf("max %d: node printed %q", max, out)
		}
		if err := v.Verify(context.Background(), answer); err != nil {
			t.Errorf("max %d: the Go verifier refuses pow.js's answer: %v", max, err)
		}
		if max == 0 {
			// With proof-of-work off the verifier accepts anything: check
			// that the answer is a solution all the same.
			s, err := pow.DecodeSolution(answer)
			if err != nil || s.Number != 0 {
				t.Errorf("max 0: answer %+v, %v", s, err)
			}
		}
	}
}
