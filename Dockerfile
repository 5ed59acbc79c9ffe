# One image serving the API, subscriptions and the built SPA on one port.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json codegen.yml schema.graphql ./
COPY server/package.json server/
COPY web/package.json web/
COPY prisma prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w web
ENV NODE_ENV=production
EXPOSE 4000
CMD ["npm", "run", "start", "-w", "server"]
