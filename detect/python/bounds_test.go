package python

import "testing"

func TestAllowsSeries(t *testing.T) {
	for _, c := range []struct {
		spec   string
		series []int
		want   bool
	}{
		{"==3.2.19", []int{3, 2}, true},
		{"==3.2.19", []int{4, 2}, false},
		{">=3.2,<4.0", []int{3, 2}, true},
		{">=3.2,<4.0", []int{4, 0}, false},
		{"~=4.2.0", []int{4, 2}, true},
		{"~=4.2.0", []int{5, 0}, false},
		{"==4.*", []int{4, 2}, true},
		{"==4.*", []int{5, 0}, false},
		{">=4.2", []int{99, 0}, true},
		{"<5", []int{4, 2}, true},
	} {
		if got := allowsSeries(c.spec, c.series); got != c.want {
			t.Errorf("allowsSeries(%q, %v) = %v", c.spec, c.series, got)
		}
	}
}
