import Fastify from 'fastify'
const app = Fastify()
await app.listen({ port: 4000, host: '0.0.0.0' })
