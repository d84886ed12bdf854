package lotse

import (
	"fmt"
	"slices"
	"sort"
)

// effectiveSwitches returns the switch values for a date: the default, or an
// earlier dated value while asOf is before its date, or the caller's
// override. An unknown key or a value of the wrong type is an error, so a
// mistyped admin setting cannot silently change nothing.
func (c *compiled) effectiveSwitches(asOf string, overrides map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(c.rb.Switches))
	for _, s := range c.rb.Switches {
		v := s.Default
		// The earliest date that asOf is still before wins.
		before := slices.Clone(s.Before)
		sort.Slice(before, func(i, j int) bool { return before[i].Date < before[j].Date })
		for _, b := range before {
			if asOf < b.Date {
				v = b.Value
				break
			}
		}
		out[s.Key] = v
	}
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := c.switches[k]
		if s == nil {
			return nil, fmt.Errorf("unknown switch %q", k)
		}
		if err := checkSwitchValue(s, overrides[k]); err != nil {
			return nil, err
		}
		out[k] = overrides[k]
	}
	return out, nil
}
