document.title = "split-repo";
