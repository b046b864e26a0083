module.exports = {
  "daemon": {
    "logLevel": "debug",
    "shutdownTimeout": "15s"
  },
  "defaults": {
    "maxMemory": "512M",
    "restartStrategy": "exponential",
    "env": {
      "LOG_FORMAT": "json"
    }
  },
  "apps": [
    {
      "name": "api-gateway",
      "script": "./dist/gateway.js",
      "instances": 4,
      "mode": "cluster",
      "port": 3000,
      "env": {
        "NODE_ENV": "production",
        "DATABASE_URL": {
          "secret": "db-url"
        }
      },
      "healthCheck": {
        "type": "http",
        "url": "http://localhost:3000/health",
        "interval": "10s",
        "expectedStatus": [
          200,
          204
        ],
        "expectedBody": /^ok/i
      },
      "deploy": {
        "strategy": "rolling",
        "maxUnavailable": 1
      },
      "dependencies": [
        "worker"
      ],
      "logs": {
        "rotation": {
          "maxSize": "10M",
          "maxAge": "7d"
        }
      }
    },
    {
      "name": "worker",
      "script": "./dist/worker.js",
      "args": [
        "--queue",
        "jobs"
      ],
      "cron": "*/5 * * * *",
      "autoRestart": false,
      "umask": "022",
      "watch": {
        "paths": [
          "src"
        ],
        "ignore": [
          "node_modules"
        ]
      },
      "limits": {
        "memory": {
          "max": "1G",
          "action": "restart"
        }
      }
    }
  ],
  "plugins": {
    "log-manager": {
      "prometheus": {
        "enabled": true,
        "port": 9090
      }
    }
  }
};
