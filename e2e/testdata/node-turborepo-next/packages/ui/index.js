exports.banner = (name) => `hello from ${name}`;
