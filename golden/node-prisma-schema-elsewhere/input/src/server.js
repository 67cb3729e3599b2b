const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();
const app = require("express")();
app.get("/orders", async (req, res) => res.json(await prisma.order.findMany()));
app.listen(process.env.PORT || 3000);
