document.getElementById("out").textContent = "built by vite";
