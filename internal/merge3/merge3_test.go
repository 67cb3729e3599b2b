package merge3

import (
	"strings"
	"testing"
)

var labels = Labels{Ours: "Dockerfile (yours)", Base: "pack v1", Theirs: "pack v2"}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

func TestMerge(t *testing.T) {
	base := lines("FROM node:22 AS build", "RUN npm ci", "COPY . .", "RUN npm run build", "FROM node:22-slim", "USER 1000:1000", "CMD [\"node\"]")
	cases := []struct {
		name, ours, theirs, want string
		conflicts                int
	}{
		{"only theirs", base, strings.Replace(base, "node:22-slim", "node:24-slim", 1), strings.Replace(base, "node:22-slim", "node:24-slim", 1), 0},
		{"only ours", strings.Replace(base, "USER 1000:1000", "USER 1001:1001", 1), base, strings.Replace(base, "USER 1000:1000", "USER 1001:1001", 1), 0},
		{"both, apart",
			strings.Replace(base, "CMD [\"node\"]", "HEALTHCHECK CMD true\nCMD [\"node\"]", 1),
			strings.Replace(base, "FROM node:22 AS build", "FROM node:24 AS build", 1),
			strings.Replace(strings.Replace(base, "CMD [\"node\"]", "HEALTHCHECK CMD true\nCMD [\"node\"]", 1), "FROM node:22 AS build", "FROM node:24 AS build", 1), 0},
		{"both, alike", strings.Replace(base, "npm ci", "npm ci --omit=dev", 1), strings.Replace(base, "npm ci", "npm ci --omit=dev", 1), strings.Replace(base, "npm ci", "npm ci --omit=dev", 1), 0},
		{"edit at start and end",
			"# mine\n" + base,
			base + "LABEL x=y\n",
			"# mine\n" + base + "LABEL x=y\n", 0},
		{"same line, differently",
			strings.Replace(base, "RUN npm ci", "RUN npm install", 1),
			strings.Replace(base, "RUN npm ci", "RUN npm ci --ignore-scripts", 1),
			strings.Replace(base, "RUN npm ci\n", "<<<<<<< Dockerfile (yours)\nRUN npm install\n||||||| pack v1\nRUN npm ci\n=======\nRUN npm ci --ignore-scripts\n>>>>>>> pack v2\n", 1), 1},
		{"ours deleted a line theirs kept", strings.Replace(base, "COPY . .\n", "", 1), base, strings.Replace(base, "COPY . .\n", "", 1), 0},
		{"no final newline", strings.TrimSuffix(base, "\n"), base, strings.TrimSuffix(base, "\n"), 0},
	}
	for _, c := range cases {
		res, err := Merge([]byte(base), []byte(c.ours), []byte(c.theirs), labels)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(res.Text) != c.want || res.Conflicts != c.conflicts {
			t.Errorf("%s: %d conflicts, got\n%s\nwant\n%s", c.name, res.Conflicts, res.Text, c.want)
		}
		if (res.Conflicts > 0) != HasMarkers(res.Text) {
			t.Errorf("%s: markers %v with %d conflicts", c.name, HasMarkers(res.Text), res.Conflicts)
		}
	}
}

// CRLF lines merge as they are, markers included.
func TestMergeCRLF(t *testing.T) {
	base := "a\r\nb\r\nc\r\n"
	res, err := Merge([]byte(base), []byte("a\r\nB\r\nc\r\n"), []byte("a\r\nbee\r\nc\r\n"), labels)
	if err != nil || res.Conflicts != 1 || !strings.Contains(string(res.Text), "=======\r\n") {
		t.Errorf("%q %v", res.Text, err)
	}
	res, _ = Merge([]byte(base), []byte("a\r\nb\r\nc\r\nd\r\n"), []byte("z\r\nb\r\nc\r\n"), labels)
	if string(res.Text) != "z\r\nb\r\nc\r\nd\r\n" {
		t.Errorf("%q", res.Text)
	}
}

func TestMergeBounds(t *testing.T) {
	big := strings.Repeat("x\n", MaxLines+1)
	if _, err := Merge([]byte(big), nil, nil, labels); err != ErrTooLong {
		t.Errorf("got %v", err)
	}
	// Empty sides: ours emptied the file, theirs did not touch it.
	res, _ := Merge([]byte("a\nb\n"), nil, []byte("a\nb\n"), labels)
	if len(res.Text) != 0 || res.Conflicts != 0 {
		t.Errorf("%q", res.Text)
	}
}
