import test from 'node:test'
test('ok', () => {})
