using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UrgentTemporaryAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CompletedAtUtc",
                table: "TemporaryAssistance",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CompletedBy",
                table: "TemporaryAssistance",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "TemporaryAssistance",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CompletedAtUtc",
                table: "TemporaryAssistance");

            migrationBuilder.DropColumn(
                name: "CompletedBy",
                table: "TemporaryAssistance");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "TemporaryAssistance");
        }
    }
}
