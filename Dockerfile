# Spine in a container, for docker-compose.yml (PostgreSQL runs in its own container there).
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm install --no-audit --no-fund && npm run build
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0
EXPOSE 4000
CMD ["node", "apps/api/bin/spine.js", "serve"]
