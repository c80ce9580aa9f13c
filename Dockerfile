# The app image: the API server, the web explorer and the corpus it ingests at start.
FROM node:20-bookworm

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
# Dev dependencies included: the server runs TypeScript through tsx, and vite builds the explorer.
RUN npm ci --include=dev

COPY . .
RUN npm run build:web && mkdir -p /app/data && chown node:node /app/data

ENV PORT=4000 HOST=0.0.0.0 DATA_DIR=/app/data CORPUS_DIR=/app/corpus
EXPOSE 4000
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
