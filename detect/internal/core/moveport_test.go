package core

import (
	"slices"
	"testing"
)

func TestMovePort(t *testing.T) {
	tests := []struct {
		argv, want []string
	}{
		{[]string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"}, []string{"gunicorn", "--bind", "0.0.0.0:5000", "app:app"}},
		{[]string{"uvicorn", "m:app", "--host", "0.0.0.0", "--port", "8000"}, []string{"uvicorn", "m:app", "--host", "0.0.0.0", "--port", "5000"}},
		{[]string{"node", "next", "start", "-p=8000"}, []string{"node", "next", "start", "-p=5000"}},
		{[]string{"/app", "serve", "--http=0.0.0.0:8000"}, []string{"/app", "serve", "--http=0.0.0.0:5000"}},
		// Not a port option: an argument that happens to be the number stays.
		{[]string{"/app", "--workers", "8000", "8000"}, []string{"/app", "--workers", "8000", "8000"}},
		// Another port than the old one stays.
		{[]string{"gunicorn", "--bind", "0.0.0.0:9000"}, []string{"gunicorn", "--bind", "0.0.0.0:9000"}},
	}
	for _, tt := range tests {
		orig := slices.Clone(tt.argv)
		if got := MovePort(tt.argv, 8000, 5000); !slices.Equal(got, tt.want) {
			t.Errorf("MovePort(%q) = %q, want %q", tt.argv, got, tt.want)
		}
		if !slices.Equal(tt.argv, orig) {
			t.Errorf("MovePort changed its input %q", tt.argv)
		}
	}
}
