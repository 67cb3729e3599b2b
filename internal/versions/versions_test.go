package versions

import (
	"strconv"
	"strings"
	"testing"
)

func TestTableIsComplete(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Defaults["node"] == "" || tab.Defaults["python"] == "" || tab.Defaults["go"] == "" {
		t.Fatalf("a default is missing: %+v", tab)
	}
	if len(tab.Node.LTS) == 0 {
		t.Fatal("no Node LTS lines")
	}
	if got := strconv.Itoa(tab.Node.LTS[0].Major); got != tab.Defaults["node"] {
		t.Errorf("newest LTS line is %s but the default is %s", got, tab.Defaults["node"])
	}
	for role, img := range tab.Images {
		if ref := img.Ref; ref == "" || strings.HasSuffix(ref, ":latest") || !strings.Contains(ref, ":") {
			t.Errorf("image %s = %q: every base must be pinned by a tag, never latest", role, ref)
		}
		if img.Distro == "" && role != "uv" {
			t.Errorf("image %s names no distro: native dependencies' packages are chosen by it", role)
		}
	}
	for _, tool := range []string{"pnpm", "yarn", "yarnBerry", "bun", "poetry", "pipenv", "pdm"} {
		if tab.Tools[tool] == "" {
			t.Errorf("no default release for %s", tool)
		}
	}
	for i := 1; i < len(tab.Node.LTS); i++ {
		if tab.Node.LTS[i].Major >= tab.Node.LTS[i-1].Major {
			t.Errorf("LTS lines not strictly newest first at %d", i)
		}
	}
}
